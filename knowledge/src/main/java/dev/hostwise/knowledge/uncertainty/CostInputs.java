package dev.hostwise.knowledge.uncertainty;

import dev.hostwise.knowledge.CostBasis;
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
        m.put(ScenarioField.REQUESTS_PER_DAY.json(), CostBasis::withRequestsPerDay);
        m.put(ScenarioField.HOSTED_PRICE_PER_1K_TOKENS.json(), (b, v) -> b.withHostedPrice(b.hostedPrice().withPricePer1kTokens(v)));
        m.put(ScenarioField.HOSTED_INPUT_PRICE_PER_1M.json(), (b, v) -> b.withHostedPrice(b.hostedPrice().withInputPricePer1M(v)));
        m.put(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M.json(), (b, v) -> b.withHostedPrice(b.hostedPrice().withOutputPricePer1M(v)));
        m.put(ScenarioField.GPU_DOLLARS_PER_HOUR.json(), CostBasis::withGpuDollarsPerHour);
        m.put(ScenarioField.REQUESTS_PER_SECOND.json(), CostBasis::withRequestsPerSecond);
        m.put(ScenarioField.UTILIZATION.json(), (b, v) -> b.withUtilization(Math.max(MIN_UTILIZATION, Math.min(1, v))));
        m.put(ScenarioField.OPS_COST_PER_MONTH.json(), CostBasis::withOpsCostPerMonth);
        m.put(ScenarioField.OTHER_COST_PER_MONTH.json(), CostBasis::withOtherCostPerMonth);
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
