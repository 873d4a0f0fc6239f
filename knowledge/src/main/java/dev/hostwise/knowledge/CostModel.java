package dev.hostwise.knowledge;

/**
 * Prices a scenario. Pure arithmetic: the first nine figures reproduce the seed article exactly;
 * the rest price the user's actual volume in whole replicas.
 */
public final class CostModel {

    public static final double HOURS_PER_DAY = 24;
    public static final double SECONDS_PER_HOUR = 3600;
    public static final double SECONDS_PER_DAY = 86_400;
    /** The article prices ops per 30-day month. */
    public static final double DAYS_PER_MONTH = 30;

    public Figures price(Scenario s) {
        double hostedPerRequest = hostedPerRequest(s);
        double replicaPerHour = s.gpuDollarsPerHour() * s.gpusPerReplica();
        double rps = s.requestsPerSecond();

        double selfHostPerRequest = replicaPerHour / (SECONDS_PER_HOUR * rps);
        double breakEvenPerHour = replicaPerHour / hostedPerRequest;
        double gpuCostPerDay = replicaPerHour * HOURS_PER_DAY;
        double perDayAtUtil = rps * s.utilization() * SECONDS_PER_HOUR * HOURS_PER_DAY;
        double realCostPerRequest = gpuCostPerDay / perDayAtUtil;
        double opsPerDay = s.opsCostPerMonth() / DAYS_PER_MONTH;
        double allInPerDay = gpuCostPerDay + opsPerDay;
        double allInPerRequest = allInPerDay / perDayAtUtil;
        // hosted bill per hour = self-host GPU-at-utilisation per hour + ops per hour
        double margin = hostedPerRequest - realCostPerRequest;
        Double breakEvenWithOps = margin > 0 ? (opsPerDay / HOURS_PER_DAY) / margin : null;

        double peakRps = s.requestsPerDay() * s.peakToAverage() / SECONDS_PER_DAY;
        double replicaCapacityPerDay = replicaCapacityPerDay(s, perDayAtUtil);
        int replicas = replicasFor(s.requestsPerDay(), replicaCapacityPerDay);
        double hostedPerDay = s.requestsPerDay() * hostedPerRequest;
        double selfHostPerDay = replicas * gpuCostPerDay + opsPerDay;
        double monthlySavings = (hostedPerDay - selfHostPerDay) * DAYS_PER_MONTH;
        double actualUtilization = s.requestsPerDay() / (replicas * rps * SECONDS_PER_DAY);

        return new Figures(hostedPerRequest, selfHostPerRequest, breakEvenPerHour, gpuCostPerDay,
                perDayAtUtil, realCostPerRequest, opsPerDay, allInPerDay, allInPerRequest, breakEvenWithOps,
                peakRps, replicas, hostedPerDay, selfHostPerDay, monthlySavings,
                wholeReplicaBreakEven(hostedPerRequest, gpuCostPerDay, opsPerDay, replicaCapacityPerDay),
                actualUtilization, rps,
                s.throughputMeasured() ? ThroughputSource.MEASURED : ThroughputSource.ASSUMED);
    }

    /** Cost of one request on the hosted API, split-priced when both tokens and prices are split. */
    public static double hostedPerRequest(Scenario s) {
        if (s.hasTokenSplit() && s.hasPriceSplit()) {
            return s.inputTokens() * s.hostedInputPricePer1M() / 1e6 + s.outputTokens() * s.hostedOutputPricePer1M() / 1e6;
        }
        return s.effectiveTokensPerRequest() / 1000.0 * s.hostedPricePer1kTokens();
    }

    /**
     * Daily requests one replica can take: the average it serves at the assumed utilisation, or
     * fewer when the peak hour is what fills it.
     */
    private static double replicaCapacityPerDay(Scenario s, double perDayAtUtil) {
        double peakBound = s.requestsPerSecond() * SECONDS_PER_DAY / s.peakToAverage();
        return Math.min(perDayAtUtil, peakBound);
    }

    /**
     * max(1, ceil(volume / perDayAtUtil), ceil(peakRps / rps)). Both ceilings are the same as
     * ceil(volume / capacity) with capacity the smaller bound, which the break-even search relies on.
     */
    private static int replicasFor(double volume, double capacityPerDay) {
        // a tiny tolerance so that exactly-full replicas do not round up on floating-point noise
        return (int) Math.max(1, Math.ceil(volume / capacityPerDay - 1e-9));
    }

    /**
     * The smallest whole daily volume V with hosted(V) >= selfHost(V) in whole replicas.
     * With k replicas (V in ((k-1)C, kC]) the condition is h*V >= k*R + ops; it can first hold
     * at k0 = ceil(ops / (h*C - R)), and then at V = (k0*R + ops) / h, which lies inside k0's range.
     * No break-even exists when a full replica costs more than the hosted bill it replaces.
     */
    static Double wholeReplicaBreakEven(double hostedPerRequest, double replicaPerDay, double opsPerDay,
                                        double capacityPerDay) {
        double marginPerReplica = hostedPerRequest * capacityPerDay - replicaPerDay;
        if (marginPerReplica <= 0) {
            return null;
        }
        double k0 = Math.max(1, Math.ceil(opsPerDay / marginPerReplica - 1e-12));
        return Math.ceil((k0 * replicaPerDay + opsPerDay) / hostedPerRequest - 1e-9);
    }
}
