package dev.hostwise.knowledge.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The file {@code vllm bench serve --save-result} writes (the older {@code benchmarks/benchmark_serving.py
 * --save-result} writes the same keys), read as it is found in the wild: the key {@code "request_goodput:"}
 * with a stray colon, {@code max_concurrency} null when no limit was set, {@code request_rate} the string
 * {@code "inf"}, Python's {@code NaN} for a statistic of one request, and keys that only some versions write
 * ({@code failed}, {@code best_of}, {@code endpoint_type}, the percentile statistics) present or not.
 *
 * <p>Only the figures Hostwise needs are read; every problem with them is collected and reported at
 * once, each naming the key ({@link LoadTestFileException}).
 *
 * @param date               the run's start ({@code date}, {@code 20260521-110938}); null when absent or unreadable
 * @param maxConcurrency     the client's limit on requests in flight; null when none was set
 * @param requestRate        requests per second sent; null for {@code "inf"} (all at once) or absent
 * @param failed             failed requests; 0 when the file does not say (older versions)
 * @param warnings           things worth saying that do not stop the import
 */
public record VllmBenchResult(
        String modelId,
        String backend,
        LocalDate date,
        Integer numPrompts,
        Integer maxConcurrency,
        Double requestRate,
        double durationSeconds,
        int completed,
        int failed,
        long totalInputTokens,
        long totalOutputTokens,
        double requestThroughput,
        double outputThroughput,
        Double meanTtftMs,
        Double p99TtftMs,
        Double meanTpotMs,
        Double p99TpotMs,
        Double meanE2elMs,
        Double p99E2elMs,
        List<String> warnings) {

    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactory())
            // Python's json module writes NaN and Infinity for statistics it could not compute
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final DateTimeFormatter VLLM_DATE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final String WHICH_FILE = "the file `vllm bench serve --save-result` writes";

    public VllmBenchResult {
        warnings = List.copyOf(warnings);
    }

    /** Mean prompt tokens per completed request. */
    public double meanInputTokens() {
        return (double) totalInputTokens / completed;
    }

    /** Mean completion tokens per completed request. */
    public double meanOutputTokens() {
        return (double) totalOutputTokens / completed;
    }

    /**
     * Reads a saved result.
     *
     * @param name the file's name, for messages
     * @throws LoadTestFileException naming every problem: not JSON, not a result, a key missing or of the
     *                               wrong type, no request completed, no throughput
     */
    public static VllmBenchResult read(byte[] bytes, String name) {
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new LoadTestFileException(name + " is empty: give " + WHICH_FILE);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new LoadTestFileException(name + " is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage())
                    + "; give " + WHICH_FILE);
        } catch (IOException e) {
            throw new LoadTestFileException(name + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new LoadTestFileException(name + " holds a JSON " + (root == null ? "nothing" : kind(root))
                    + ", not a load-test result: give " + WHICH_FILE + " (one JSON object)");
        }
        if (root.has("benchmarks") && !root.has("completed")) {
            throw new LoadTestFileException(name + " looks like a GuideLLM report (it has \"benchmarks\"); Hostwise reads "
                    + WHICH_FILE + ", which has completed, duration and request_throughput at the top level");
        }
        Reader r = new Reader(root);
        String modelId = r.text("model_id", true);
        String backend = r.text("backend", false);
        if (backend == null) {
            backend = r.text("endpoint_type", false);
        }
        int completed = (int) r.whole("completed", true, 0);
        int failed = (int) r.whole("failed", false, 0);
        double duration = r.number("duration", true);
        long totalIn = r.whole("total_input_tokens", true, 0);
        long totalOut = r.whole("total_output_tokens", true, 0);
        double requestThroughput = r.number("request_throughput", true);
        double outputThroughput = r.number("output_throughput", true);
        Integer numPrompts = r.has("num_prompts") ? (int) r.whole("num_prompts", false, 0) : null;
        Integer maxConcurrency = r.has("max_concurrency") ? (int) r.whole("max_concurrency", false, 0) : null;
        Double rate = r.rate();
        Double meanTtft = r.optionalNumber("mean_ttft_ms");
        Double p99Ttft = r.optionalNumber("p99_ttft_ms");
        Double meanTpot = r.optionalNumber("mean_tpot_ms");
        Double p99Tpot = r.optionalNumber("p99_tpot_ms");
        Double meanE2el = r.optionalNumber("mean_e2el_ms");
        Double p99E2el = r.optionalNumber("p99_e2el_ms");
        LocalDate date = r.date();
        // request_goodput (or "request_goodput:" from older clients) is accepted and not used: it depends on SLOs set at run time

        List<String> problems = r.problems;
        if (problems.isEmpty()) {
            if (completed == 0) {
                problems.add(failed > 0
                        ? "every request failed (completed: 0, failed: " + failed + "): there is no throughput to import;"
                          + " fix what made them fail (the server's log says) and run the load test again"
                        : "no request completed (completed: 0): there is no throughput to import; run the load test again");
            } else {
                if (duration <= 0) {
                    problems.add("duration is " + duration + " s: a run that took no time measured nothing; run it again");
                }
                if (requestThroughput <= 0 || totalOut == 0 || outputThroughput <= 0) {
                    problems.add("the throughput is zero (request_throughput " + requestThroughput + ", output_throughput "
                            + outputThroughput + ", total_output_tokens " + totalOut + "): nothing was generated, so the"
                            + " result says nothing about serving; run it with --random-output-len above 0 and --ignore-eos");
                }
                if (maxConcurrency != null && maxConcurrency < 1) {
                    problems.add("max_concurrency is " + maxConcurrency + ": give a limit of 1 or more, or none");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new LoadTestFileException(problems.stream().map(p -> name + ": " + p).toList());
        }
        List<String> warnings = new ArrayList<>(r.warnings);
        if (failed > 0) {
            warnings.add(String.format(Locale.ROOT, "%d of %d requests failed; the throughput counts the %d that completed",
                    failed, failed + completed, completed));
        }
        return new VllmBenchResult(modelId, backend, date, numPrompts, maxConcurrency, rate, duration, completed, failed,
                totalIn, totalOut, requestThroughput, outputThroughput, meanTtft, p99Ttft, meanTpot, p99Tpot, meanE2el, p99E2el,
                warnings);
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Reads keys, collecting a problem for each missing or mistyped one instead of stopping at the first. */
    private static final class Reader {
        private final JsonNode root;
        private final List<String> problems = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        Reader(JsonNode root) {
            this.root = root;
        }

        boolean has(String key) {
            JsonNode n = root.get(key);
            return n != null && !n.isNull();
        }

        private JsonNode required(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                problems.add("has no \"" + key + "\"" + (n == null ? "" : " (it is null)") + ": is it " + WHICH_FILE + "?");
                return null;
            }
            return n;
        }

        String text(String key, boolean needed) {
            JsonNode n = needed ? required(key) : root.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isTextual()) {
                problems.add("\"" + key + "\" is " + describe(n) + ", not text");
                return null;
            }
            if (n.textValue().isBlank() && needed) {
                problems.add("\"" + key + "\" is empty: it should name the model the load test sent requests to");
                return null;
            }
            return n.textValue();
        }

        double number(String key, boolean needed) {
            JsonNode n = needed ? required(key) : root.get(key);
            if (n == null || n.isNull()) {
                return Double.NaN;
            }
            if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
                problems.add("\"" + key + "\" is " + describe(n) + ", not a finite number");
                return Double.NaN;
            }
            if (n.doubleValue() < 0) {
                problems.add("\"" + key + "\" is " + n.doubleValue() + ", below 0");
                return Double.NaN;
            }
            return n.doubleValue();
        }

        long whole(String key, boolean needed, long absent) {
            JsonNode n = needed ? required(key) : root.get(key);
            if (n == null || n.isNull()) {
                return absent;
            }
            if (!n.isNumber() || !Double.isFinite(n.doubleValue()) || n.doubleValue() != Math.rint(n.doubleValue())) {
                problems.add("\"" + key + "\" is " + describe(n) + ", not a whole number");
                return absent;
            }
            if (n.doubleValue() < 0 || n.doubleValue() > Integer.MAX_VALUE) {
                problems.add("\"" + key + "\" is " + n.asText() + ", out of range");
                return absent;
            }
            return n.longValue();
        }

        /** A statistic that may be absent (not selected with --percentile-metrics) or NaN (one request): then null. */
        Double optionalNumber(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull() || !n.isNumber() || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
                return null;
            }
            return n.doubleValue();
        }

        /** {@code request_rate}: a number, or "inf" for every request sent at once. */
        Double rate() {
            JsonNode n = root.get("request_rate");
            if (n == null || n.isNull()) {
                return null;
            }
            if (n.isTextual() && n.textValue().trim().equalsIgnoreCase("inf")) {
                return null;
            }
            if (n.isNumber() && Double.isInfinite(n.doubleValue())) {
                return null;
            }
            if (n.isNumber() && n.doubleValue() > 0) {
                return n.doubleValue();
            }
            problems.add("\"request_rate\" is " + describe(n) + ": it should be a number of requests per second or \"inf\"");
            return null;
        }

        /** The run's date, {@code 20260521-110938}; an ISO date works too. Anything else is a warning, not an error. */
        LocalDate date() {
            JsonNode n = root.get("date");
            if (n == null || n.isNull()) {
                return null;
            }
            String t = n.asText().trim();
            try {
                return java.time.LocalDateTime.parse(t, VLLM_DATE).toLocalDate();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(t.length() >= 10 ? t.substring(0, 10) : t);
                } catch (DateTimeParseException e2) {
                    warnings.add("its \"date\" '" + t + "' is not a date Hostwise reads (20260521-110938 or 2026-05-21),"
                            + " so the import day stands for it");
                    return null;
                }
            }
        }

        private static String describe(JsonNode n) {
            return n.isTextual() ? "the text \"" + n.textValue() + "\"" : kind(n) + " " + n;
        }
    }
}
