package dev.hostwise.bench;

import dev.hostwise.knowledge.CostBasis;
import dev.hostwise.knowledge.CostModel;
import dev.hostwise.knowledge.Figures;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.ThroughputEstimator;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.uncertainty.CostInputs;
import dev.hostwise.knowledge.uncertainty.InputRange;
import dev.hostwise.knowledge.uncertainty.MonteCarlo;
import dev.hostwise.knowledge.uncertainty.Probabilities;
import dev.hostwise.knowledge.uncertainty.UncertainInputs;
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
 * The uncertainty analysis alone, as every decision runs it: derive the ranges, draw 10,000 cases,
 * price each day, and rank the drivers. Target (issue 14): at most 20 ms per decision on the 2-core
 * reference machine. Nothing is cached between invocations, as between decisions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UncertaintyBenchmark {

    /**
     * article: the seed article's inputs (guessed throughput, default prices: 4 inputs drawn);
     * estimated-autoscaled: model + GPU, estimated throughput, autoscaled fleet (24 hourly replica counts
     * per draw); growth: split hosted prices, a catalog GPU, volume growth and two given ranges (7 inputs drawn).
     */
    @Param({"article", "estimated-autoscaled", "growth"})
    public String scenarioName;

    private final MonteCarlo monteCarlo = CostInputs.monteCarlo();
    private Catalog catalog;
    private Scenario scenario;
    private Figures figures;

    @Setup
    public void setUp() {
        catalog = Catalog.bundled();
        ScenarioReader reader = new ScenarioReader(catalog);
        scenario = switch (scenarioName) {
            case "article" -> reader.fromText(Map.of("requestsPerDay", "103680", "taskType", "CLASSIFICATION",
                    "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
            case "estimated-autoscaled" -> reader.fromText(Map.of("requestsPerDay", "400000", "openModel", "llama-2-13b",
                    "gpuType", "a100-80gb", "pricingMode", "AUTOSCALED", "minReplicas", "2", "peakToAverage", "3",
                    "taskType", "EXTRACTION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
            case "growth" -> reader.fromText(Map.ofEntries(Map.entry("requestsPerDay", "300000"), Map.entry("gpuType", "h100-80gb"),
                    Map.entry("requestsPerSecond", "12"), Map.entry("throughputMeasured", "true"), Map.entry("hostedModel", "gpt-4o"),
                    Map.entry("inputTokens", "900"), Map.entry("outputTokens", "300"), Map.entry("volumeGrowthPerMonth", "0.04"),
                    Map.entry("ranges", "opsCostPerMonth=9000..20000, otherCostPerMonth=0..2000"),
                    Map.entry("taskType", "CLASSIFICATION"), Map.entry("qualityNeed", "GOOD_ENOUGH"),
                    Map.entry("privacyNeed", "MUST_STAY_IN_HOUSE")));
            default -> throw new IllegalArgumentException(scenarioName);
        };
        figures = new CostModel().price(scenario, new ThroughputEstimator(catalog).estimateFor(scenario).orElse(null));
    }

    @Benchmark
    public Probabilities analyse() {
        List<InputRange> ranges = UncertainInputs.derive(scenario, figures, catalog);
        return monteCarlo.run(CostBasis.of(scenario, figures.requestsPerSecond()), ranges);
    }
}
