package dev.hostwise.knowledge;

import java.util.Arrays;
import java.util.List;

/**
 * How a day's traffic spreads over its 24 hours, as each hour's rate relative to the daily average
 * (so the shares average 1 and the largest one is the peak-to-average ratio).
 *
 * <p>Given only a peak-to-average ratio, the day is modelled as one smooth busy period,
 * {@code exp(k cos(2 pi (h - 14) / 24))}, with k chosen so the busiest hour is exactly that ratio.
 * Its peak sits mid-afternoon; for cost only the shape matters, not where the peak falls.
 */
public final class TrafficProfile {

    static final int HOURS = 24;
    private static final int PEAK_HOUR = 14;
    /** With all traffic in one hour, that hour runs at 24 times the daily average: no profile is peakier. */
    private static final double MAX_RATIO = HOURS;
    private static final int BISECTION_STEPS = 200;

    private final double[] shares;

    private TrafficProfile(double[] shares) {
        this.shares = shares;
    }

    /** The user's hourly weights, or a smooth day with the scenario's peak-to-average ratio. */
    public static TrafficProfile of(Scenario s) {
        return s.hourlyWeights() != null ? fromHourlyWeights(s.hourlyWeights()) : fromPeakToAverage(s.peakToAverage());
    }

    public static TrafficProfile fromHourlyWeights(List<Double> weights) {
        if (weights.size() != HOURS) {
            throw new IllegalArgumentException("a traffic profile needs 24 hourly weights, got " + weights.size());
        }
        double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
        if (!(sum > 0)) {
            throw new IllegalArgumentException("a traffic profile needs some traffic in some hour");
        }
        return new TrafficProfile(weights.stream().mapToDouble(w -> w * HOURS / sum).toArray());
    }

    /** A smooth day whose busiest hour is {@code ratio} times the average (capped at 24, all traffic in one hour). */
    public static TrafficProfile fromPeakToAverage(double ratio) {
        if (ratio <= 1) {
            double[] flat = new double[HOURS];
            Arrays.fill(flat, 1.0);
            return new TrafficProfile(flat);
        }
        if (ratio >= MAX_RATIO) {
            double[] spike = new double[HOURS];
            spike[PEAK_HOUR] = HOURS;
            return new TrafficProfile(spike);
        }
        // the ratio rises monotonically with k, from 1 at k = 0 towards 24; bisect for it
        double lo = 0;
        double hi = 1;
        while (peakRatio(hi) < ratio) {
            hi *= 2;
        }
        for (int i = 0; i < BISECTION_STEPS && hi - lo > 1e-15 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (peakRatio(mid) < ratio) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double[] w = weights(hi);
        double sum = Arrays.stream(w).sum();
        return new TrafficProfile(Arrays.stream(w).map(x -> x * HOURS / sum).toArray());
    }

    /** Unnormalised weights peaking at 1 in the peak hour; exp(k (cos - 1)) never overflows. */
    private static double[] weights(double k) {
        double[] w = new double[HOURS];
        for (int h = 0; h < HOURS; h++) {
            w[h] = Math.exp(k * (Math.cos(2 * Math.PI * (h - PEAK_HOUR) / HOURS) - 1));
        }
        return w;
    }

    private static double peakRatio(double k) {
        return HOURS / Arrays.stream(weights(k)).sum();
    }

    /** Hour {@code h}'s rate divided by the daily average rate. */
    public double share(int hour) {
        return shares[hour];
    }

    /** The busiest hour's rate divided by the average. */
    public double peakToAverage() {
        return Arrays.stream(shares).max().orElseThrow();
    }

    public List<Double> shares() {
        return Arrays.stream(shares).boxed().toList();
    }
}
