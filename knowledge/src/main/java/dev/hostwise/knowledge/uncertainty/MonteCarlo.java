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
        CostBasis pinned = base;
        for (InputRange r : ranges) {
            if (r.fixed()) {
                pinned = appliers.get(r.input()).apply(pinned, r.low());
            }
        }
        if (varied.isEmpty()) {
            double saving = pinned.savingPerDay();
            return new Probabilities(pinned.volumeHolds() ? 1 : 0, saving, saving, saving, Map.of(), List.of(), ranges, 1, seed,
                    new Probabilities.Histogram(saving, 0, List.of(1)));
        }
        int n = varied.size();
        SplittableRandom[] streams = new SplittableRandom[n];
        List<BiFunction<CostBasis, Double, CostBasis>> apply = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            streams[i] = streamFor(seed, varied.get(i).input());
            apply.add(appliers.get(varied.get(i).input()));
        }
        double[][] values = new double[n][draws];
        double[] saving = new double[draws];
        int wins = 0;
        for (int d = 0; d < draws; d++) {
            CostBasis b = pinned;
            for (int i = 0; i < n; i++) {
                double v = varied.get(i).at(streams[i].nextDouble());
                values[i][d] = v;
                b = apply.get(i).apply(b, v);
            }
            saving[d] = b.savingPerDay();
            // hosted - selfHost > 0 exactly when selfHost < hosted (the VOLUME comparison), without pricing the day twice
            if (saving[d] > 0) {
                wins++;
            }
        }
        double[] sorted = saving.clone();
        Arrays.sort(sorted);
        double[] ranksOfSaving = ranks(saving, sorted);
        List<Driver> unranked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = values[i];
            double[] vs = v.clone();
            Arrays.sort(vs);
            unranked.add(new Driver(varied.get(i).input(), 0, pearson(ranks(v, vs), ranksOfSaving), varied.get(i).basis()));
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
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return ranks(x, sorted);
    }

    /**
     * Ranks of {@code x} given its values sorted: each value's rank is the average of the first and
     * last positions it holds in the sorted copy. Two binary searches per value on primitives, rather
     * than sorting boxed indices: this runs for every input of every decision.
     */
    private static double[] ranks(double[] x, double[] sorted) {
        double[] rank = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int first = firstIndexOf(sorted, x[i]);
            int last = lastIndexOf(sorted, x[i]);
            rank[i] = (first + last) / 2.0 + 1;
        }
        return rank;
    }

    private static int firstIndexOf(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int lastIndexOf(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (sorted[mid] > v) {
                hi = mid - 1;
            } else {
                lo = mid;
            }
        }
        return lo;
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
