package dev.hostwise.knowledge.uncertainty;

import dev.hostwise.knowledge.ScenarioField;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of the daily cost comparison that can be uncertain, by their scenario field names, and
 * how a drawn value enters the cost basis. These are the keys {@code ranges} accepts. A drawn
 * utilisation is kept within (0, 1], the values the cost model accepts.
 */
public final class CostInputs {

    /** The smallest utilisation a draw may take: the cost model divides by it. */
    static final double MIN_UTILIZATION = 0.01;

    /** In scenario field order, which is the order ranges are listed in. */
    private static final Map<String, MonteCarlo.Applier> APPLIERS = appliers();

    private CostInputs() {
    }

    private static Map<String, MonteCarlo.Applier> appliers() {
        Map<String, MonteCarlo.Applier> m = new LinkedHashMap<>();
        m.put(ScenarioField.REQUESTS_PER_DAY.json(), DrawnBasis::requestsPerDay);
        m.put(ScenarioField.HOSTED_PRICE_PER_1K_TOKENS.json(), DrawnBasis::pricePer1kTokens);
        m.put(ScenarioField.HOSTED_INPUT_PRICE_PER_1M.json(), DrawnBasis::inputPricePer1M);
        m.put(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M.json(), DrawnBasis::outputPricePer1M);
        m.put(ScenarioField.GPU_DOLLARS_PER_HOUR.json(), DrawnBasis::gpuDollarsPerHour);
        m.put(ScenarioField.REQUESTS_PER_SECOND.json(), DrawnBasis::requestsPerSecond);
        m.put(ScenarioField.UTILIZATION.json(), (b, v) -> b.utilization(Math.max(MIN_UTILIZATION, Math.min(1, v))));
        m.put(ScenarioField.OPS_COST_PER_MONTH.json(), DrawnBasis::opsCostPerMonth);
        m.put(ScenarioField.OTHER_COST_PER_MONTH.json(), DrawnBasis::otherCostPerMonth);
        return Collections.unmodifiableMap(m);
    }

    /** A Monte Carlo run over the daily cost comparison. */
    public static MonteCarlo monteCarlo() {
        return new MonteCarlo(APPLIERS);
    }

    /** True when the input can be given a range. */
    public static boolean varies(String input) {
        return APPLIERS.containsKey(input);
    }

    /** Every input that can be given a range, in scenario field order. */
    public static List<String> names() {
        return List.copyOf(APPLIERS.keySet());
    }
}
