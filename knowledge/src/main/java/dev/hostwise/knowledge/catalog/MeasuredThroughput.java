package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hostwise.knowledge.Precision;

/**
 * One published throughput measurement, with the workload it was taken at, and what Hostwise uses
 * it for: fitting an efficiency ({@code calibration}), checking the estimator against it
 * ({@code check}), or recording a known miss ({@code outlier}) so nobody mistakes it for coverage.
 *
 * <p>A row is taken either at a fixed {@code concurrency} (requests in flight), or {@code offline}:
 * every request queued at once, so memory decides how many run together.
 *
 * @param concurrency requests in flight; null for an offline row
 * @param offline     true when the requests were all queued at once (maximum batch)
 */
public record MeasuredThroughput(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String model,
        @JsonProperty(required = true) String gpu,
        @JsonProperty(required = true) int gpus,
        @JsonProperty(required = true) Precision precision,
        @JsonProperty(required = true) String engine,
        @JsonProperty(required = true) int inputTokens,
        @JsonProperty(required = true) int outputTokens,
        Integer concurrency,
        Boolean offline,
        @JsonProperty(required = true) Metric metric,
        @JsonProperty(required = true) double value,
        @JsonProperty(required = true) AsOf asOf,
        @JsonProperty(required = true) Use use,
        @JsonProperty(required = true) String source,
        String note) {

    /** What was measured. A closed set: anything else is a catalog error. */
    public enum Metric {
        /** Tokens per second one sequence streams. */
        @JsonProperty("decode-tokens-per-second-per-sequence") DECODE_TOKENS_PER_SECOND_PER_SEQUENCE,
        /** Completion tokens per second across every sequence in flight. */
        @JsonProperty("aggregate-decode-tokens-per-second") AGGREGATE_DECODE_TOKENS_PER_SECOND
    }

    /** Why the row is in the catalog. */
    public enum Use {
        @JsonProperty("calibration") CALIBRATION,
        @JsonProperty("check") CHECK,
        @JsonProperty("outlier") OUTLIER
    }

    public MeasuredThroughput {
        CatalogChecks.id(id);
        CatalogChecks.id(model);
        CatalogChecks.id(gpu);
        CatalogChecks.positive("gpus", gpus);
        CatalogChecks.nonNegative("inputTokens", inputTokens);
        CatalogChecks.positive("outputTokens", outputTokens);
        offline = Boolean.TRUE.equals(offline);
        if (offline == (concurrency != null)) {
            throw new IllegalArgumentException("row " + id + " needs either concurrency (requests in flight) or offline: true, not "
                    + (offline ? "both" : "neither"));
        }
        if (concurrency != null) {
            CatalogChecks.positive("concurrency", concurrency);
        }
        CatalogChecks.positive("value", value);
        CatalogChecks.source(source);
    }
}
