package dev.hostwise.bench;

import dev.hostwise.knowledge.ConfigurationSearch;
import dev.hostwise.knowledge.ConfigurationSearcher;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.ThroughputEstimator;
import dev.hostwise.knowledge.catalog.Catalog;
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
 * replica counts per configuration).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConfigurationSearchBenchmark {

    @Param({"llama-3.3-70b", "deepseek-v3", "qwen3-235b-a22b-autoscaled"})
    public String scenarioName;

    private ConfigurationSearcher searcher;
    private Scenario scenario;

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

    @Benchmark
    public ConfigurationSearch search() {
        return searcher.search(scenario);
    }
}
