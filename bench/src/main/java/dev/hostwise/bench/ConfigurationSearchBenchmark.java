package dev.hostwise.bench;

import dev.hostwise.knowledge.ConfigurationSearch;
import dev.hostwise.knowledge.ConfigurationSearcher;
import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.ThroughputEstimator;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.evidence.LoadTestRun;
import dev.hostwise.knowledge.evidence.ThroughputEvidence;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The configuration search alone, warm, on the full bundled catalog: every GPU x 1, 2, 4, 8 per
 * replica x every precision the model ships in, each estimated and priced. Target: at most 5 ms on
 * the 2-core reference machine. The models span the cases: a dense 70B in three precisions, a
 * mixture of experts with MLA that only 8-GPU replicas hold, and an autoscaled fleet (24 hourly
 * replica counts per configuration). {@code llama-3.3-70b-load-tested} adds two imported load tests, so each
 * configuration also looks for a comparable one and the evidence-first choice weighs a measured tier.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConfigurationSearchBenchmark {

    @Param({"llama-3.3-70b", "deepseek-v3", "qwen3-235b-a22b-autoscaled", "llama-3.3-70b-load-tested"})
    public String scenarioName;

    private ConfigurationSearcher searcher;
    private Scenario scenario;
    private ThroughputEvidence evidence = ThroughputEvidence.NONE;

    @Setup
    public void setUp() {
        Catalog catalog = Catalog.bundled();
        searcher = new ConfigurationSearcher(catalog, new ThroughputEstimator(catalog));
        ScenarioReader reader = new ScenarioReader(catalog);
        Map<String, String> base = Map.of("requestsPerDay", "2000000", "gpuType", "auto", "hostedModel", "gpt-4o",
                "inputTokens", "900", "outputTokens", "300", "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH",
                "privacyNeed", "MUST_STAY_IN_HOUSE");
        java.util.HashMap<String, String> m = new java.util.HashMap<>(base);
        switch (scenarioName) {
            case "llama-3.3-70b" -> m.put("openModel", "llama-3.3-70b");
            case "deepseek-v3" -> m.put("openModel", "deepseek-v3");
            case "llama-3.3-70b-load-tested" -> {
                m.put("openModel", "llama-3.3-70b");
                evidence = ThroughputEvidence.of(List.of(loadTest("h100-80gb", 2, Precision.FP8, 6.15),
                        loadTest("b200", 1, Precision.FP4, 11.5)));
            }
            case "qwen3-235b-a22b-autoscaled" -> {
                m.put("openModel", "qwen3-235b-a22b");
                m.put("pricingMode", "AUTOSCALED");
                m.put("peakToAverage", "3");
                m.put("minReplicas", "2");
            }
            default -> throw new IllegalArgumentException(scenarioName);
        }
        scenario = reader.fromText(m);
    }

    private static LoadTestRun loadTest(String gpu, int gpus, Precision p, double rps) {
        return new LoadTestRun(gpu + gpus + p, LocalDate.of(2026, 11, 20), true, Instant.parse("2026-11-20T12:00:00Z"),
                "llama-3.3-70b", gpu, gpus, p, 64, "max_concurrency", 900, 300, rps, rps * 300, 9.5, "mean_e2el_ms", 640, 0, 104,
                null, null, null, null, 9500.0, null, "meta-llama/Llama-3.3-70B-Instruct", "vllm", "bench.json");
    }

    @Benchmark
    public ConfigurationSearch search() {
        return searcher.search(scenario, evidence);
    }
}
