package dev.hostwise.knowledge.uncertainty;

import dev.hostwise.knowledge.CostBasis;
import dev.hostwise.knowledge.ScenarioField;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The inputs of the daily cost comparison that can be uncertain, by their scenario field names, and
 * how a drawn value enters the cost basis. A drawn utilisation is kept within (0, 1], the values the
 * cost model accepts.
 */
public final class CostInputs {

    /** The smallest utilisation a draw may take: the cost model divides by it. */
    static final double MIN_UTILIZATION = 0.01;

    private static final Map<String, BiFunction<CostBasis, Double, CostBasis>> APPLIERS = Map.of(
            ScenarioField.REQUESTS_PER_SECOND.json(), CostBasis::withRequestsPerSecond,
            ScenarioField.REQUESTS_PER_DAY.json(), CostBasis::withRequestsPerDay,
            ScenarioField.UTILIZATION.json(), (b, v) -> b.withUtilization(Math.max(MIN_UTILIZATION, Math.min(1, v))),
            ScenarioField.GPU_DOLLARS_PER_HOUR.json(), CostBasis::withGpuDollarsPerHour,
            ScenarioField.OPS_COST_PER_MONTH.json(), CostBasis::withOpsCostPerMonth,
            ScenarioField.HOSTED_PRICE_PER_1K_TOKENS.json(),
            (b, v) -> b.withHostedPrice(b.hostedPrice().withPricePer1kTokens(v)),
            ScenarioField.HOSTED_INPUT_PRICE_PER_1M.json(),
            (b, v) -> b.withHostedPrice(b.hostedPrice().withInputPricePer1M(v)),
            ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M.json(),
            (b, v) -> b.withHostedPrice(b.hostedPrice().withOutputPricePer1M(v)));

    private CostInputs() {
    }

    /** A Monte Carlo run over the daily cost comparison. */
    public static MonteCarlo monteCarlo() {
        return new MonteCarlo(APPLIERS);
    }

    /** True when the input can be given a range. */
    public static boolean varies(String input) {
        return APPLIERS.containsKey(input);
    }
}
