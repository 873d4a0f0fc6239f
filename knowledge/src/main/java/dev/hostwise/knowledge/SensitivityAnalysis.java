package dev.hostwise.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * For each numeric input, the value at which the VOLUME condition flips (others fixed), and the
 * daily saving at -50% and +50% of it.
 *
 * <p>Flip points are solved, not searched by running the policy: the condition is
 * {@code selfHostPerDay < hostedPerDay}, and each input enters that inequality simply. Prices and
 * the ops cost enter linearly (the replica count does not depend on them), throughput and
 * utilisation only through the replica count, and volume on both sides (see {@link VolumeThreshold}).
 * The one search left, throughput for an autoscaled fleet, is a bounded bisection over a monotone
 * step function.
 */
public final class SensitivityAnalysis {

    public static final String REQUESTS_PER_SECOND = ScenarioField.REQUESTS_PER_SECOND.json();
    public static final String REQUESTS_PER_DAY = ScenarioField.REQUESTS_PER_DAY.json();
    public static final String HOSTED_PRICE_PER_1K_TOKENS = ScenarioField.HOSTED_PRICE_PER_1K_TOKENS.json();
    public static final String HOSTED_INPUT_PRICE_PER_1M = ScenarioField.HOSTED_INPUT_PRICE_PER_1M.json();
    public static final String HOSTED_OUTPUT_PRICE_PER_1M = ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M.json();
    public static final String GPU_DOLLARS_PER_HOUR = ScenarioField.GPU_DOLLARS_PER_HOUR.json();
    public static final String UTILIZATION = ScenarioField.UTILIZATION.json();
    public static final String OPS_COST_PER_MONTH = ScenarioField.OPS_COST_PER_MONTH.json();

    private static final double TORNADO_LOW = 0.5;
    private static final double TORNADO_HIGH = 1.5;
    private static final int BISECTION_STEPS = 200;

    /** Analyses a priced scenario; {@code requestsPerSecond} is the figure the pricing used. */
    public Sensitivity analyse(Scenario s, double requestsPerSecond) {
        return analyse(CostBasis.of(s, requestsPerSecond));
    }

    public Sensitivity analyse(CostBasis b) {
        boolean holds = b.volumeHolds();
        List<InputSensitivity> inputs = new ArrayList<>();
        inputs.add(entry(REQUESTS_PER_SECOND, b.requestsPerSecond(), throughputFlip(b), holds, b::withRequestsPerSecond, false));
        inputs.add(entry(REQUESTS_PER_DAY, b.requestsPerDay(),
                holds ? VolumeThreshold.downward(b) : VolumeThreshold.upward(b), holds, b::withRequestsPerDay, false));
        HostedPrice p = b.hostedPrice();
        if (p.split()) {
            inputs.add(entry(HOSTED_INPUT_PRICE_PER_1M, p.inputPricePer1M(),
                    splitPriceFlip(b, p.inputTokens(), p.outputTokens() * p.outputPricePer1M()), holds,
                    v -> b.withHostedPrice(p.withInputPricePer1M(v)), false));
            inputs.add(entry(HOSTED_OUTPUT_PRICE_PER_1M, p.outputPricePer1M(),
                    splitPriceFlip(b, p.outputTokens(), p.inputTokens() * p.inputPricePer1M()), holds,
                    v -> b.withHostedPrice(p.withOutputPricePer1M(v)), false));
        } else {
            // hosted cost per day is linear in the price: it meets self-hosting's daily cost at one price
            double flip = b.selfHostPerDay() / (b.requestsPerDay() * p.tokensPerRequest() / 1000.0);
            inputs.add(entry(HOSTED_PRICE_PER_1K_TOKENS, p.pricePer1kTokens(), positiveOrNull(flip), holds,
                    v -> b.withHostedPrice(p.withPricePer1kTokens(v)), false));
        }
        inputs.add(entry(GPU_DOLLARS_PER_HOUR, b.gpuDollarsPerHour(), gpuPriceFlip(b), holds, b::withGpuDollarsPerHour, false));
        inputs.add(entry(UTILIZATION, b.utilization(), utilizationFlip(b), holds, b::withUtilization, true));
        inputs.add(entry(OPS_COST_PER_MONTH, b.opsCostPerMonth(), opsFlip(b), holds, b::withOpsCostPerMonth, false));
        return new Sensitivity(inputs);
    }

    private static InputSensitivity entry(String input, double value, Double flipAt, boolean holds,
                                          DoubleFunction<CostBasis> with, boolean fraction) {
        double low = value * TORNADO_LOW;
        double high = fraction ? Math.min(1, value * TORNADO_HIGH) : value * TORNADO_HIGH;
        TornadoBar bar = new TornadoBar(low, high, with.apply(low).savingPerDay(), with.apply(high).savingPerDay());
        return new InputSensitivity(input, value, flipAt, holds, bar);
    }

    /**
     * Always-on: the fleet may have at most nMax replicas (the most whose cost stays under the hosted
     * bill); it gets there once one replica's capacity reaches volume / nMax, and capacity is
     * proportional to throughput.
     */
    private static Double throughputFlip(CostBasis b) {
        if (b.pricingMode() == PricingMode.AUTOSCALED) {
            return autoscaledThroughputFlip(b);
        }
        Integer nMax = affordableReplicas(b);
        if (nMax == null) {
            return null;
        }
        double capacityPerUnitThroughput = b.alwaysOnCapacityPerDay() / b.requestsPerSecond();
        return b.requestsPerDay() / (capacityPerUnitThroughput * nMax);
    }

    /** As for throughput; but utilisation only raises capacity up to the peak-hour bound, and cannot pass 1. */
    private static Double utilizationFlip(CostBasis b) {
        if (b.pricingMode() == PricingMode.AUTOSCALED) {
            return null;
        }
        Integer nMax = affordableReplicas(b);
        if (nMax == null) {
            return null;
        }
        double needed = b.requestsPerDay() / (b.requestsPerSecond() * CostModel.SECONDS_PER_DAY * nMax);
        return needed > Math.min(1, 1 / b.peakToAverage()) ? null : needed;
    }

    /**
     * The most replicas an always-on fleet can run and still cost less than the hosted API, or null
     * when even the floor costs too much (then no throughput or utilisation helps).
     */
    private static Integer affordableReplicas(CostBasis b) {
        double budget = (b.hostedPerDay() - b.fixedPerDay()) / b.replicaPerDay();
        if (!(budget > 0)) {
            return null;
        }
        int nMax = (int) Math.min(Integer.MAX_VALUE, Math.ceil(budget) - 1);
        return nMax < b.minReplicas() ? null : nMax;
    }

    /**
     * Autoscaled: the fleet's cost falls as throughput rises (fewer replicas each hour), so bisect in
     * log space between a throughput where it fails and one where every hour runs only the floor.
     */
    private static Double autoscaledThroughputFlip(CostBasis b) {
        double floorOnly = b.minReplicas() * CostModel.HOURS_PER_DAY * b.replicaPerHour() + b.fixedPerDay();
        if (floorOnly >= b.hostedPerDay()) {
            return null;
        }
        double peakRate = b.requestsPerDay() * b.profile().peakToAverage() / CostModel.SECONDS_PER_DAY;
        double hi = Math.max(b.requestsPerSecond(), peakRate / b.minReplicas()) * 2;
        double lo = b.requestsPerSecond();
        for (int i = 0; i < BISECTION_STEPS && b.withRequestsPerSecond(lo).volumeHolds(); i++) {
            lo /= 2;
        }
        if (b.withRequestsPerSecond(lo).volumeHolds()) {
            return null;
        }
        for (int i = 0; i < BISECTION_STEPS && hi / lo - 1 > 1e-13; i++) {
            double mid = Math.sqrt(lo * hi);
            if (b.withRequestsPerSecond(mid).volumeHolds()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** The replica count does not depend on the GPU price, so the daily GPU bill is linear in it. */
    private static Double gpuPriceFlip(CostBasis b) {
        double gpuHoursPerDay = b.replicaHoursPerDay() * b.gpusPerReplica();
        return positiveOrNull((b.hostedPerDay() - b.fixedPerDay()) / gpuHoursPerDay);
    }

    /** Ops is a fixed monthly cost: the condition flips where it uses up the rest of the margin. */
    private static Double opsFlip(CostBasis b) {
        double gpus = b.selfHostPerDay() - b.fixedPerDay();
        return positiveOrNull((b.hostedPerDay() - gpus - b.otherCostPerDay()) * CostModel.DAYS_PER_MONTH);
    }

    /** One split price, the other fixed: hosted per request is linear in it. */
    private static Double splitPriceFlip(CostBasis b, int tokens, double otherPartPer1M) {
        if (tokens == 0) {
            return null;
        }
        double perRequestNeeded = b.selfHostPerDay() / b.requestsPerDay();
        return positiveOrNull((perRequestNeeded * 1e6 - otherPartPer1M) / tokens);
    }

    /** Prices and costs cannot go to zero or below: a flip there is no flip. */
    private static Double positiveOrNull(double v) {
        return v > 0 && Double.isFinite(v) ? v : null;
    }
}
