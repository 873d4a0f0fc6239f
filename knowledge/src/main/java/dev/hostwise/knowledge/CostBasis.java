package dev.hostwise.knowledge;

import static dev.hostwise.knowledge.CostModel.DAYS_PER_MONTH;
import static dev.hostwise.knowledge.CostModel.HOURS_PER_DAY;
import static dev.hostwise.knowledge.CostModel.SECONDS_PER_DAY;
import static dev.hostwise.knowledge.CostModel.SECONDS_PER_HOUR;

/**
 * The numbers the daily comparison rests on, and the comparison itself: what the hosted API and
 * self-hosting each cost per day at this volume, with GPUs bought in whole replicas. Cheap to
 * evaluate, so the sensitivity analysis re-prices it many times with one input changed.
 *
 * <p>Always-on modes (on-demand, reserved) size the replicas once for the day: enough for the
 * average at the assumed utilisation, or for the peak hour if that needs more. Autoscaled gives
 * each hour of the traffic profile the replicas its traffic needs at full per-replica throughput,
 * never fewer than the floor; the utilisation assumption plays no part there.
 */
public record CostBasis(
        double requestsPerDay,
        double requestsPerSecond,
        double utilization,
        double peakToAverage,
        TrafficProfile profile,
        double gpuDollarsPerHour,
        int gpusPerReplica,
        int minReplicas,
        PricingMode pricingMode,
        double opsCostPerMonth,
        double otherCostPerMonth,
        HostedPrice hostedPrice) {

    /** Tolerance so that exactly-full replicas do not round up on floating-point noise. */
    private static final double CEIL_TOLERANCE = 1e-9;

    public static CostBasis of(Scenario s, double requestsPerSecond) {
        return new CostBasis(s.requestsPerDay(), requestsPerSecond, s.utilization(), s.peakToAverage(),
                TrafficProfile.of(s), s.gpuDollarsPerHour(), s.gpusPerReplica(), s.minReplicas(), s.pricingMode(),
                s.opsCostPerMonth(), s.otherCostPerMonth(), HostedPrice.of(s));
    }

    public double hostedPerRequest() {
        return hostedPrice.perRequest();
    }

    public double hostedPerDay() {
        return requestsPerDay * hostedPerRequest();
    }

    /** One replica's GPUs for one hour. */
    public double replicaPerHour() {
        return gpuDollarsPerHour * gpusPerReplica;
    }

    /** One replica's GPUs for a whole day. */
    public double replicaPerDay() {
        return replicaPerHour() * HOURS_PER_DAY;
    }

    public double opsCostPerDay() {
        return opsCostPerMonth / DAYS_PER_MONTH;
    }

    public double otherCostPerDay() {
        return otherCostPerMonth / DAYS_PER_MONTH;
    }

    /** Costs that do not scale with replicas: the people on call, plus egress, storage and load balancers. */
    public double fixedPerDay() {
        return opsCostPerDay() + otherCostPerDay();
    }

    /** Requests a day one always-on replica serves at the assumed utilisation. */
    public double requestsPerDayAtUtilization() {
        return requestsPerSecond * utilization * SECONDS_PER_HOUR * HOURS_PER_DAY;
    }

    /**
     * Daily requests one always-on replica can take: the average it serves at the assumed
     * utilisation, or fewer when the peak hour is what fills it.
     */
    public double alwaysOnCapacityPerDay() {
        double peakBound = requestsPerSecond * SECONDS_PER_DAY / peakToAverage;
        return Math.min(requestsPerDayAtUtilization(), peakBound);
    }

    /**
     * max(floor, ceil(volume / capacity)): the replicas an always-on fleet runs all day. Counted in 64
     * bits: at a billion requests a day and a slow replica the count passes an int's 2³¹ (it once
     * wrapped to a negative fleet and a negative cost). The verdict's own fleet is bounded
     * ({@link FleetBound}); the chart's hypothetical volumes may go further, and saturate at
     * {@code Long.MAX_VALUE} rather than wrap.
     */
    public long alwaysOnReplicas() {
        return (long) Math.max(minReplicas, Math.ceil(requestsPerDay / alwaysOnCapacityPerDay() - CEIL_TOLERANCE));
    }

    /** Replicas each hour of the profile needs at full per-replica throughput, never below the floor. */
    public long replicasInHour(int hour) {
        double rate = requestsPerDay * profile.share(hour) / SECONDS_PER_DAY;
        return (long) Math.max(minReplicas, Math.ceil(rate / requestsPerSecond - CEIL_TOLERANCE));
    }

    /** Replica-hours an autoscaled fleet runs in a day (a saturated hour keeps the sum saturated, not wrapped). */
    public long autoscaledReplicaHours() {
        long sum = 0;
        for (int h = 0; h < TrafficProfile.HOURS; h++) {
            long hour = replicasInHour(h);
            sum = sum > Long.MAX_VALUE - hour ? Long.MAX_VALUE : sum + hour;
        }
        return sum;
    }

    /** The busiest hour's replicas: what an always-on fleet sized for that hour would run all day. */
    public long peakHourReplicas() {
        long max = 0;
        for (int h = 0; h < TrafficProfile.HOURS; h++) {
            max = Math.max(max, replicasInHour(h));
        }
        return max;
    }

    /** Replicas the verdict reports: always-on count, or the busiest hour's count when autoscaled. */
    public long replicas() {
        return pricingMode == PricingMode.AUTOSCALED ? peakHourReplicas() : alwaysOnReplicas();
    }

    public double replicaHoursPerDay() {
        return pricingMode == PricingMode.AUTOSCALED ? autoscaledReplicaHours() : alwaysOnReplicas() * HOURS_PER_DAY;
    }

    /** Self-hosting all-in per day: GPUs in whole replicas plus the fixed costs. */
    public double selfHostPerDay() {
        if (pricingMode == PricingMode.AUTOSCALED) {
            return autoscaledReplicaHours() * replicaPerHour() + fixedPerDay();
        }
        return alwaysOnReplicas() * replicaPerDay() + fixedPerDay();
    }

    /** What self-hosting saves per day; negative when it costs more. */
    public double savingPerDay() {
        return hostedPerDay() - selfHostPerDay();
    }

    /** The VOLUME condition: self-hosting all-in costs less per day than the hosted API. */
    public boolean volumeHolds() {
        return selfHostPerDay() < hostedPerDay();
    }

    public CostBasis withRequestsPerDay(double v) {
        return new CostBasis(v, requestsPerSecond, utilization, peakToAverage, profile, gpuDollarsPerHour,
                gpusPerReplica, minReplicas, pricingMode, opsCostPerMonth, otherCostPerMonth, hostedPrice);
    }

    public CostBasis withRequestsPerSecond(double v) {
        return new CostBasis(requestsPerDay, v, utilization, peakToAverage, profile, gpuDollarsPerHour,
                gpusPerReplica, minReplicas, pricingMode, opsCostPerMonth, otherCostPerMonth, hostedPrice);
    }

    public CostBasis withUtilization(double v) {
        return new CostBasis(requestsPerDay, requestsPerSecond, v, peakToAverage, profile, gpuDollarsPerHour,
                gpusPerReplica, minReplicas, pricingMode, opsCostPerMonth, otherCostPerMonth, hostedPrice);
    }

    public CostBasis withGpuDollarsPerHour(double v) {
        return new CostBasis(requestsPerDay, requestsPerSecond, utilization, peakToAverage, profile, v,
                gpusPerReplica, minReplicas, pricingMode, opsCostPerMonth, otherCostPerMonth, hostedPrice);
    }

    public CostBasis withOpsCostPerMonth(double v) {
        return new CostBasis(requestsPerDay, requestsPerSecond, utilization, peakToAverage, profile, gpuDollarsPerHour,
                gpusPerReplica, minReplicas, pricingMode, v, otherCostPerMonth, hostedPrice);
    }

    public CostBasis withOtherCostPerMonth(double v) {
        return new CostBasis(requestsPerDay, requestsPerSecond, utilization, peakToAverage, profile, gpuDollarsPerHour,
                gpusPerReplica, minReplicas, pricingMode, opsCostPerMonth, v, hostedPrice);
    }

    public CostBasis withHostedPrice(HostedPrice v) {
        return new CostBasis(requestsPerDay, requestsPerSecond, utilization, peakToAverage, profile, gpuDollarsPerHour,
                gpusPerReplica, minReplicas, pricingMode, opsCostPerMonth, otherCostPerMonth, v);
    }
}
