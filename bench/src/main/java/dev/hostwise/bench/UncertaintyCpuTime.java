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
import dev.hostwise.knowledge.uncertainty.UncertainInputs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The uncertainty analysis's cost in CPU time per decision, for a machine too busy for wall-clock numbers
 * (the thread's own CPU time does not count the time other processes hold the cores): the same work as
 * {@link UncertaintyBenchmark#analyse} (derive the ranges, 10,000 draws, rank the drivers), warmed up,
 * then the median and the best of 15 rounds of 20 decisions. Run it from the shaded jar:
 * {@code java -cp bench/target/benchmarks.jar bench/src/main/java/dev/hostwise/bench/UncertaintyCpuTime.java}.
 */
public final class UncertaintyCpuTime {

    private UncertaintyCpuTime() {
    }

    public static void main(String[] args) {
        Catalog catalog = Catalog.bundled();
        ScenarioReader reader = new ScenarioReader(catalog);
        Map<String, Map<String, String>> scenarios = Map.of(
                "article", Map.of("requestsPerDay", "103680", "taskType", "CLASSIFICATION",
                        "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"),
                "estimated-autoscaled", Map.of("requestsPerDay", "400000", "openModel", "llama-2-13b",
                        "gpuType", "a100-80gb", "pricingMode", "AUTOSCALED", "minReplicas", "2", "peakToAverage", "3",
                        "taskType", "EXTRACTION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"),
                "growth", Map.ofEntries(Map.entry("requestsPerDay", "300000"), Map.entry("gpuType", "h100-80gb"),
                        Map.entry("requestsPerSecond", "12"), Map.entry("throughputMeasured", "true"), Map.entry("hostedModel", "gpt-4o"),
                        Map.entry("inputTokens", "900"), Map.entry("outputTokens", "300"), Map.entry("volumeGrowthPerMonth", "0.04"),
                        Map.entry("ranges", "opsCostPerMonth=9000..20000, otherCostPerMonth=0..2000"),
                        Map.entry("taskType", "CLASSIFICATION"), Map.entry("qualityNeed", "GOOD_ENOUGH"),
                        Map.entry("privacyNeed", "MUST_STAY_IN_HOUSE")));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MonteCarlo monteCarlo = CostInputs.monteCarlo();
        for (String name : List.of("article", "estimated-autoscaled", "growth")) {
            Scenario s = reader.fromText(scenarios.get(name));
            Figures f = new CostModel().price(s, new ThroughputEstimator(catalog).estimateFor(s).orElse(null));
            double sink = 0;
            for (int i = 0; i < 300; i++) {
                sink += analyse(monteCarlo, s, f, catalog);
            }
            int rounds = 15;
            int perRound = 20;
            double[] millis = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    sink += analyse(monteCarlo, s, f, catalog);
                }
                millis[r] = (threads.getCurrentThreadCpuTime() - start) / 1e6 / perRound;
            }
            Arrays.sort(millis);
            System.out.printf("%-21s CPU ms per decision: median %.2f, best %.2f (sink %.0f)%n", name, millis[rounds / 2], millis[0],
                    sink % 10);
        }
    }

    private static double analyse(MonteCarlo monteCarlo, Scenario s, Figures f, Catalog catalog) {
        List<InputRange> ranges = UncertainInputs.derive(s, f, catalog);
        return monteCarlo.run(CostBasis.of(s, f.requestsPerSecond()), ranges).selfHostCheaper();
    }
}
