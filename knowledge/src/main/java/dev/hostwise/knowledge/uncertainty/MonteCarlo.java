package dev.hostwise.knowledge.uncertainty;

import dev.hostwise.knowledge.CostBasis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Draws every uncertain input from its range at once, prices the day each time with the same cost
 * model the verdict used, and reports how often self-hosting comes out cheaper and which inputs
 * drive the spread.
 *
 * <p>Inputs are drawn independently: nothing in the catalog says how a GPU's price moves with its
 * throughput, and assuming a link would hide spread rather than show it. Each input has its own
 * random stream split from the seed, so adding a range never changes the draws of the others.
 */
public final class MonteCarlo {

    /** Enough draws that the probability's sampling error is below half a percentage point. */
    public static final int DEFAULT_DRAWS = 10_000;
    /** Fixed, so the same scenario always gets the same figures; recorded in every result. */
    public static final long DEFAULT_SEED = 0x486f737477697365L;
    static final int HISTOGRAM_BINS = 24;

    /** How each uncertain input is applied to the cost basis: by its scenario field name. */
    private final Map<String, BiFunction<CostBasis, Double, CostBasis>> appliers;

    /**
     * @param appliers for each input name, how a drawn value changes the cost basis (e.g.
     *                 {@code requestsPerSecond} → {@link CostBasis#withRequestsPerSecond})
     */
    public MonteCarlo(Map<String, BiFunction<CostBasis, Double, CostBasis>> appliers) {
        this.appliers = Map.copyOf(appliers);
    }

    public Probabilities run(CostBasis base, List<InputRange> ranges) {
        return run(base, ranges, DEFAULT_DRAWS, DEFAULT_SEED);
    }

    public Probabilities run(CostBasis base, List<InputRange> ranges, int draws, long seed) {
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be at least 1, got " + draws);
        }
        List<InputRange> varied = ranges.stream().filter(r -> !r.fixed()).toList();
        for (InputRange r : varied) {
            if (!appliers.containsKey(r.input())) {
                throw new IllegalArgumentException("no way to vary '" + r.input() + "' in the cost model; the inputs that"
                        + " can vary are " + appliers.keySet().stream().sorted().toList());
            }
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[varied.size()];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = root.split();
        }
        double[][] values = new double[varied.size()][draws];
        double[] saving = new double[draws];
        int wins = 0;
        for (int d = 0; d < draws; d++) {
            CostBasis b = base;
            for (int i = 0; i < varied.size(); i++) {
                InputRange r = varied.get(i);
                double v = r.at(streams[i].nextDouble());
                values[i][d] = v;
                b = appliers.get(r.input()).apply(b, v);
            }
            saving[d] = b.savingPerDay();
            if (b.volumeHolds()) {
                wins++;
            }
        }
        double[] ranksOfSaving = ranks(saving);
        List<Driver> drivers = new ArrayList<>();
        for (int i = 0; i < varied.size(); i++) {
            drivers.add(new Driver(varied.get(i).input(), pearson(ranks(values[i]), ranksOfSaving), varied.get(i).basis()));
        }
        drivers.sort(Comparator.comparingDouble((Driver dr) -> -Math.abs(dr.rankCorrelation())).thenComparing(Driver::input));
        double[] sorted = saving.clone();
        Arrays.sort(sorted);
        return new Probabilities((double) wins / draws, quantile(sorted, 0.10), quantile(sorted, 0.50),
                quantile(sorted, 0.90), drivers, ranges, draws, seed, histogram(sorted));
    }

    /** The q-quantile of sorted values, interpolating between neighbours. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Ranks from 1, ties sharing their average rank (whole replicas make many draws tie). */
    static double[] ranks(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] rank = new double[x.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double average = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = average;
            }
            i = j + 1;
        }
        return rank;
    }

    /** Pearson's correlation; 0 when either side does not vary (a saving that no draw moves). */
    static double pearson(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    private static double mean(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        return sum / a.length;
    }

    private static Probabilities.Histogram histogram(double[] sorted) {
        double from = sorted[0];
        double to = sorted[sorted.length - 1];
        Integer[] counts = new Integer[HISTOGRAM_BINS];
        Arrays.fill(counts, 0);
        if (to == from) {
            counts[0] = sorted.length;
            return new Probabilities.Histogram(from, 0, Arrays.asList(counts));
        }
        double width = (to - from) / HISTOGRAM_BINS;
        for (double v : sorted) {
            int bin = (int) Math.min(HISTOGRAM_BINS - 1, Math.floor((v - from) / width));
            counts[bin]++;
        }
        return new Probabilities.Histogram(from, width, Arrays.asList(counts));
    }
}
