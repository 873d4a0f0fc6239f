package dev.hostwise.knowledge.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.hostwise.knowledge.Precision;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A load test a team ran and handed back as evidence: one {@code vllm bench serve --save-result} file,
 * imported for the configuration it was run on. Its JSON form is the verdict's
 * {@code figures.throughputEvidence} (a public contract) and what the store keeps (migration V7).
 *
 * @param evidenceId            the SHA-256 of the file's bytes, in hex: the same file is the same evidence
 * @param measuredOn            the file's {@code date}, else the day it was imported ({@code dateFromFile} says which)
 * @param importedAt            when it was imported: a decision uses the evidence imported before it was made
 * @param model                 the catalog open model it measured
 * @param gpuType               the catalog GPU it ran on
 * @param gpusPerReplica        GPUs serving one copy of the model (one server)
 * @param precision             the precision it ran at
 * @param concurrency           requests in flight during the run; {@code concurrencyFrom} says how it is known
 * @param inputTokens           mean prompt tokens per completed request (total_input_tokens / completed)
 * @param outputTokens          mean completion tokens per completed request (total_output_tokens / completed)
 * @param requestsPerSecond     completed requests per second (request_throughput): one replica's throughput
 * @param outputTokensPerSecond completion tokens per second across the replica (output_throughput)
 * @param secondsPerRequest     one request, first byte sent to last token; {@code secondsFrom} says how it is known
 * @param completed             requests completed
 * @param failed                requests that failed (0 when the file does not say)
 * @param durationSeconds       the run's length
 * @param modelId               the model the client named ({@code model_id}), checked against {@code model}
 * @param backend               the client's backend ({@code backend}), e.g. vllm
 * @param file                  the file's name as imported
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"evidenceId", "measuredOn", "dateFromFile", "importedAt", "model", "gpuType", "gpusPerReplica", "precision",
    "concurrency", "concurrencyFrom", "inputTokens", "outputTokens", "requestsPerSecond", "outputTokensPerSecond",
    "secondsPerRequest", "secondsFrom", "completed", "failed", "durationSeconds", "meanTtftMs", "p99TtftMs", "meanTpotMs",
    "p99TpotMs", "meanE2elMs", "p99E2elMs", "modelId", "backend", "file"})
public record LoadTestRun(
        String evidenceId,
        LocalDate measuredOn,
        boolean dateFromFile,
        Instant importedAt,
        String model,
        String gpuType,
        int gpusPerReplica,
        Precision precision,
        int concurrency,
        String concurrencyFrom,
        double inputTokens,
        double outputTokens,
        double requestsPerSecond,
        double outputTokensPerSecond,
        double secondsPerRequest,
        String secondsFrom,
        int completed,
        int failed,
        double durationSeconds,
        Double meanTtftMs,
        Double p99TtftMs,
        Double meanTpotMs,
        Double p99TpotMs,
        Double meanE2elMs,
        Double p99E2elMs,
        String modelId,
        String backend,
        String file) {

    /** Characters of the evidence ID shown in words; the whole ID is in the JSON. */
    public static final int SHORT_ID = 12;

    /** "sha256:3fa9c1e2b7d4": enough to find it, short enough to read. */
    public String shortId() {
        return "sha256:" + evidenceId.substring(0, Math.min(SHORT_ID, evidenceId.length()));
    }

    /** "2 x h100-80gb at FP8". */
    public String configuration() {
        return gpusPerReplica + " x " + gpuType + " at " + precision;
    }

    /** "load test sha256:3fa9c1e2b7d4 of llama-3.3-70b on 2 x h100-80gb at FP8, 2026-05-21". */
    public String describe() {
        return "load test " + shortId() + " of " + model + " on " + configuration() + ", " + measuredOn;
    }

    /** "32 in flight, 950 prompt and 310 completion tokens on average". */
    public String workload() {
        return String.format(Locale.ROOT, "%d in flight, %,.0f prompt and %,.0f completion tokens on average", concurrency,
                inputTokens, outputTokens);
    }
}
