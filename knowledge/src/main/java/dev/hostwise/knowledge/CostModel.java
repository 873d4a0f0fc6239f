package dev.hostwise.knowledge;

import dev.hostwise.knowledge.evidence.LoadTestRun;

/**
 * Prices a scenario. Pure arithmetic: the first nine figures reproduce the seed article exactly;
 * the rest price the user's actual volume in whole replicas, in the pricing mode chosen.
 */
public final class CostModel {

    public static final double HOURS_PER_DAY = 24;
    public static final double SECONDS_PER_HOUR = 3600;
    public static final double SECONDS_PER_DAY = 86_400;
    /** The article prices ops per 30-day month. */
    public static final double DAYS_PER_MONTH = 30;
    public static final double DAYS_PER_YEAR = 365;

    /** Prices a scenario whose throughput is given (typed, measured or the default). */
    public Figures price(Scenario s) {
        return price(s, null);
    }

    /**
     * Prices a scenario. A throughput in the scenario always wins; the estimate is used only when the
     * scenario leaves the throughput to be estimated.
     *
     * @throws IllegalArgumentException when the scenario needs an estimate and none is given
     */
    public Figures price(Scenario s, Estimate estimate) {
        return price(s, estimate, null);
    }

    /**
     * Prices a scenario whose throughput is left open on a load test the team imported, when one is
     * comparable (then the estimate is not used), else on the estimate.
     *
     * @param measured the comparable load test, or null
     * @throws IllegalArgumentException when the scenario needs a figure and neither is given
     */
    public Figures price(Scenario s, Estimate estimate, LoadTestRun measured) {
        LoadTestRun run = s.throughputToEstimate() ? measured : null;
        Estimate used = s.throughputToEstimate() && run == null ? estimate : null;
        if (s.throughputToEstimate() && used == null && run == null) {
            throw new IllegalArgumentException("the scenario leaves requestsPerSecond to be estimated; "
                    + "pass the ThroughputEstimator's estimate");
        }
        double rps = run != null ? run.requestsPerSecond() : used != null ? used.requestsPerSecond() : s.requestsPerSecond();
        ThroughputSource source = run != null ? ThroughputSource.MEASURED : used != null ? ThroughputSource.ESTIMATED
                : s.throughputMeasured() ? ThroughputSource.MEASURED : ThroughputSource.ASSUMED;
        CostBasis b = CostBasis.of(s, rps);

        double hostedPerRequest = b.hostedPerRequest();
        double replicaPerHour = b.replicaPerHour();
        double selfHostPerRequest = replicaPerHour / (SECONDS_PER_HOUR * rps);
        double breakEvenPerHour = replicaPerHour / hostedPerRequest;
        double gpuCostPerDay = b.replicaPerDay();
        double perDayAtUtil = b.requestsPerDayAtUtilization();
        double realCostPerRequest = gpuCostPerDay / perDayAtUtil;
        double opsPerDay = b.opsCostPerDay();
        double otherPerDay = b.otherCostPerDay();
        double fixedPerDay = b.fixedPerDay();
        double allInPerDay = gpuCostPerDay + fixedPerDay;
        double allInPerRequest = allInPerDay / perDayAtUtil;
        // hosted bill per hour = self-host GPU-at-utilisation per hour + fixed costs per hour
        double margin = hostedPerRequest - realCostPerRequest;
        Double breakEvenWithOps = margin > 0 ? (fixedPerDay / HOURS_PER_DAY) / margin : null;

        double peakRps = s.requestsPerDay() * s.peakToAverage() / SECONDS_PER_DAY;
        long replicas = b.replicas();
        double hostedPerDay = b.hostedPerDay();
        double selfHostPerDay = b.selfHostPerDay();
        double monthlySavings = (hostedPerDay - selfHostPerDay) * DAYS_PER_MONTH;
        boolean autoscaled = s.pricingMode() == PricingMode.AUTOSCALED;
        double actualUtilization = autoscaled
                ? s.requestsPerDay() / (b.autoscaledReplicaHours() * rps * SECONDS_PER_HOUR)
                : s.requestsPerDay() / (replicas * rps * SECONDS_PER_DAY);
        Double breakEven = autoscaled
                ? VolumeThreshold.autoscaledBreakEven(b)
                : wholeReplicaBreakEven(hostedPerRequest, gpuCostPerDay, fixedPerDay, b.alwaysOnCapacityPerDay(),
                        s.minReplicas());

        Double reserved = s.pricingMode() == PricingMode.RESERVED
                ? replicas * gpuCostPerDay * DAYS_PER_YEAR : null;
        Double alwaysOn = autoscaled ? b.peakHourReplicas() * gpuCostPerDay + fixedPerDay : null;
        Double autoscaledPerDay = autoscaled ? selfHostPerDay : null;
        Double saving = autoscaled ? alwaysOn - selfHostPerDay : null;

        return new Figures(hostedPerRequest, selfHostPerRequest, breakEvenPerHour, gpuCostPerDay,
                perDayAtUtil, realCostPerRequest, opsPerDay, allInPerDay, allInPerRequest, breakEvenWithOps,
                peakRps, FleetBound.reported(replicas), hostedPerDay, selfHostPerDay, monthlySavings, breakEven,
                actualUtilization, rps, source, used,
                s.pricingMode(), s.minReplicas(), b.replicaHoursPerDay(), otherPerDay, reserved,
                alwaysOn, autoscaledPerDay, saving, null, run);
    }

    /** Cost of one request on the hosted API, split-priced when both tokens and prices are split. */
    public static double hostedPerRequest(Scenario s) {
        return HostedPrice.of(s).perRequest();
    }

    /**
     * The smallest whole daily volume V with hosted(V) >= selfHost(V), always-on, in whole replicas
     * with a floor of m. With k replicas (V in ((k-1)C, kC], or (0, mC] for k = m) the condition is
     * h*V >= k*R + F; it can first hold at k0 = max(m, ceil(F / (h*C - R))), and then at
     * V = (k0*R + F) / h, which lies inside k0's range. No break-even exists when a full replica
     * costs more than the hosted bill it replaces.
     */
    static Double wholeReplicaBreakEven(double hostedPerRequest, double replicaPerDay, double fixedPerDay,
                                        double capacityPerDay, int minReplicas) {
        double marginPerReplica = hostedPerRequest * capacityPerDay - replicaPerDay;
        if (marginPerReplica <= 0) {
            return null;
        }
        double k0 = Math.max(minReplicas, Math.ceil(fixedPerDay / marginPerReplica - 1e-12));
        return Math.ceil((k0 * replicaPerDay + fixedPerDay) / hostedPerRequest - 1e-9);
    }
}
