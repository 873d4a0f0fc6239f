package dev.hostwise.knowledge.uncertainty;

import dev.hostwise.knowledge.CostBasis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws every uncertain input from its range at once, prices the day each time with the same cost
 * model the verdict used, and reports how often self-hosting comes out cheaper and which inputs
 * drive the spread.
 *
 * <p>Inputs are drawn independently: nothing in the catalog says how a GPU's price moves with its
 * throughput, and assuming a link would hide spread rather than show it. Each input has its own
 * random stream, seeded from the run's seed and the input's name, so adding or removing a range never
 * changes the draws of the others. Nothing is kept between runs.
 */
public final class MonteCarlo {

    /** Enough draws that the probability's sampling error is below half a percentage point. */
    public static final int DEFAULT_DRAWS = 10_000;
    /**
     * Fixed, so the same scenario always gets the same figures; recorded in every result. Below 2^53,
     * so it survives a round trip through JSON readers that hold numbers as doubles.
     */
    public static final long DEFAULT_SEED = 0x486f7374L;
    static final int HISTOGRAM_BINS = 24;

    /** How each uncertain input is applied to the cost basis: by its scenario field name. */
    private final Map<String, Applier> appliers;

    /** How a drawn value of one input enters the draw's cost basis; on a primitive, since it runs for every input of every draw. */
    @FunctionalInterface
    public interface Applier {
        void apply(DrawnBasis basis, double value);
    }

    /**
     * @param appliers for each input name, how a drawn value changes the cost basis (e.g.
     *                 {@code requestsPerSecond} → {@code DrawnBasis::requestsPerSecond})
     */
    public MonteCarlo(Map<String, Applier> appliers) {
        this.appliers = Map.copyOf(appliers);
    }

    public Probabilities run(CostBasis base, List<InputRange> ranges) {
        return run(base, ranges, DEFAULT_DRAWS, DEFAULT_SEED);
    }

    /**
     * Runs {@code draws} draws. When no range has any width, nothing is uncertain: the verdict's own
     * case is priced once and reported as the only draw, without sampling.
     */
    public Probabilities run(CostBasis base, List<InputRange> ranges, int draws, long seed) {
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be at least 1, got " + draws);
        }
        List<InputRange> varied = ranges.stream().filter(r -> !r.fixed()).toList();
        for (InputRange r : ranges) {
            if (!appliers.containsKey(r.input())) {
                throw new IllegalArgumentException("no way to vary '" + r.input() + "' in the cost model; the inputs that"
                        + " can vary are " + appliers.keySet().stream().sorted().toList());
            }
        }
        // a fixed range still pins its input: a range [0.4, 0.4] prices at 0.4 whatever the scenario said
        DrawnBasis pinning = new DrawnBasis(base);
        for (InputRange r : ranges) {
            if (r.fixed()) {
                appliers.get(r.input()).apply(pinning, r.low());
            }
        }
        CostBasis pinned = pinning.basis();
        if (varied.isEmpty()) {
            double saving = pinned.savingPerDay();
            return new Probabilities(pinned.volumeHolds() ? 1 : 0, saving, saving, saving, Map.of(), List.of(), ranges, 1, seed,
                    new Probabilities.Histogram(saving, 0, List.of(1)));
        }
        int n = varied.size();
        SplittableRandom[] streams = new SplittableRandom[n];
        Applier[] apply = new Applier[n];
        InputRange[] range = varied.toArray(new InputRange[0]);
        for (int i = 0; i < n; i++) {
            streams[i] = streamFor(seed, varied.get(i).input());
            apply[i] = appliers.get(varied.get(i).input());
        }
        double[][] values = new double[n][draws];
        double[] saving = new double[draws];
        int wins = 0;
        DrawnBasis b = new DrawnBasis(pinned);
        for (int d = 0; d < draws; d++) {
            b.reset();
            for (int i = 0; i < n; i++) {
                double v = range[i].at(streams[i].nextDouble());
                values[i][d] = v;
                apply[i].apply(b, v);
            }
            saving[d] = b.basis().savingPerDay();
            // hosted - selfHost > 0 exactly when selfHost < hosted (the VOLUME comparison), without pricing the day twice
            if (saving[d] > 0) {
                wins++;
            }
        }
        int[] savingOrder = order(saving);
        double[] sorted = new double[draws];
        for (int k = 0; k < draws; k++) {
            sorted[k] = saving[savingOrder[k]];
        }
        double[] ranksOfSaving = ranks(saving, savingOrder);
        List<Driver> unranked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = values[i];
            unranked.add(new Driver(varied.get(i).input(), 0, pearson(ranks(v, order(v)), ranksOfSaving), varied.get(i).basis()));
        }
        unranked.sort(Comparator.comparingDouble(Driver::strength).reversed().thenComparing(Driver::input));
        List<Driver> drivers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Driver dr = unranked.get(i);
            drivers.add(new Driver(dr.input(), i + 1, dr.rankCorrelation(), dr.basis()));
        }
        return new Probabilities((double) wins / draws, quantile(sorted, 0.10), quantile(sorted, 0.50),
                quantile(sorted, 0.90), Map.of(), drivers, ranges, draws, seed, histogram(sorted));
    }

    /** One input's stream: from the seed and the input's name, never from its place in the list. */
    private static SplittableRandom streamFor(long seed, String input) {
        return new SplittableRandom(seed ^ new SplittableRandom(input.hashCode()).nextLong());
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
        return ranks(x, order(x));
    }

    /**
     * Ranks of {@code x} given the indices of its values in ascending order: one pass over each run of
     * equal values, which share the average of the positions they hold. (Looking each value up in a sorted
     * copy took two binary searches per value, and their unpredictable branches were most of a decision's
     * analysis.)
     */
    private static double[] ranks(double[] x, int[] order) {
        int n = x.length;
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = r;
            }
            i = j + 1;
        }
        return rank;
    }

    /**
     * The indices of {@code x} in ascending order of value, equal values in index order: a stable radix
     * sort, a byte at a time, of each double's bits turned into an unsigned key that orders as the doubles
     * do. Its running time does not depend on the values, and it has no data-dependent branch to mispredict
     * (a comparison sort's were most of a decision's analysis); a byte every value shares is skipped.
     */
    static int[] order(double[] x) {
        int n = x.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(x[i]);
            // negative numbers: every bit flipped (larger magnitude sorts first); others: the sign bit set
            keys[i] = bits < 0 ? ~bits : bits | Long.MIN_VALUE;
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        int[] count = new int[257];
        for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((keys[i] >>> shift) & 0xFF) + 1]++;
            }
            if (count[(int) ((keys[0] >>> shift) & 0xFF) + 1] == n) {
                continue;
            }
            for (int d = 0; d < 256; d++) {
                count[d + 1] += count[d];
            }
            for (int i = 0; i < n; i++) {
                int at = a[i];
                b[count[(int) ((keys[at] >>> shift) & 0xFF)]++] = at;
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
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
