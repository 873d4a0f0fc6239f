package dev.hostwise.knowledge;

import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.GpuClassCalibration;
import dev.hostwise.knowledge.catalog.MeasuredThroughput;
import dev.hostwise.knowledge.catalog.OpenModel;
import dev.hostwise.knowledge.catalog.TensorParallelEfficiency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The estimator against every measured row of the catalog, each estimated the way a user would ask
 * it (the row's model, GPU, GPU count, precision and token lengths; a fixed-concurrency row at that
 * concurrency, an offline row at up to 4,096 in flight with no latency target, so memory decides).
 * Built once per catalog; every estimate's {@link ErrorBand} is looked up here.
 *
 * <p>Calibration and check rows make the bands; outliers are known misses, listed but not counted,
 * and an estimate for a model family whose only rows are misses says so.
 */
public final class EstimatorAccuracy {

    /** An offline row: every request queued at once, as many in flight as memory holds (up to this). */
    public static final int OFFLINE_CONCURRENCY = 4096;
    /** An offline row has no latency target: a day. */
    public static final double OFFLINE_SECONDS = 86_400;
    /** Fewest rows a band may rest on before it widens to a broader scope. */
    static final int MIN_ROWS = 3;

    /**
     * One measured row and the estimator's figure for it.
     *
     * @param estimated the figure the row's metric names, or null when the row could not be estimated
     * @param error     estimated / measured - 1, or null with {@code problem}
     * @param problem   why the row could not be estimated; null when it was
     */
    public record Row(MeasuredThroughput measured, String family, String gpuClass, Regime regime, Double estimated,
                      Double error, String problem) {

        /** True when the row counts toward the bands: a calibration or check row that was estimated. */
        public boolean counted() {
            return error != null && measured.use() != MeasuredThroughput.Use.OUTLIER;
        }
    }

    private record Group(int rows, double maxError) {
        Group plus(double error) {
            return new Group(rows + 1, Math.max(maxError, Math.abs(error)));
        }
    }

    private final Catalog catalog;
    private final List<Row> rows;
    private final Map<String, Group> groups = new HashMap<>();
    private final Set<String> familiesCovered = new HashSet<>();
    private final Map<String, Integer> familyMisses = new HashMap<>();

    EstimatorAccuracy(Catalog catalog, ThroughputEstimator estimator) {
        this.catalog = catalog;
        List<Row> all = new ArrayList<>();
        for (MeasuredThroughput m : catalog.calibration().rows()) {
            all.add(estimate(catalog, estimator, m));
        }
        this.rows = List.copyOf(all);
        for (Row r : rows) {
            if (r.counted()) {
                familiesCovered.add(r.family());
                add("all", r.error());
                add("class:" + r.gpuClass(), r.error());
                add("class:" + r.gpuClass() + "|" + r.regime(), r.error());
            } else if (r.measured().use() == MeasuredThroughput.Use.OUTLIER) {
                familyMisses.merge(r.family(), 1, Integer::sum);
            }
        }
    }

    /** The workload a measured row stands for, as the mapping asks: see the class comment. */
    public static Workload workloadOf(MeasuredThroughput m) {
        int concurrency = m.offline() ? OFFLINE_CONCURRENCY : m.concurrency();
        return Workload.of(m.inputTokens(), m.outputTokens(), m.inputTokens() + m.outputTokens(), null,
                OFFLINE_SECONDS, concurrency);
    }

    private static Row estimate(Catalog catalog, ThroughputEstimator estimator, MeasuredThroughput m) {
        OpenModel model = catalog.openModel(m.model()).orElseThrow();
        Gpu gpu = catalog.gpu(m.gpu()).orElseThrow();
        Workload w = workloadOf(m);
        try {
            Estimate e = estimator.estimateWithoutBand(model, gpu, m.precision(), m.gpus(), w);
            double figure = switch (m.metric()) {
                case DECODE_TOKENS_PER_SECOND_PER_SEQUENCE -> e.decodeTokensPerSecondPerSequence();
                case AGGREGATE_DECODE_TOKENS_PER_SECOND -> e.aggregateDecodeTokensPerSecond();
            };
            return new Row(m, model.family(), gpu.architecture(), e.regime(), figure, figure / m.value() - 1, null);
        } catch (IllegalArgumentException ex) {
            return new Row(m, model.family(), gpu.architecture(), null, null, null, ex.getMessage());
        }
    }

    private void add(String key, double error) {
        groups.merge(key, new Group(1, Math.abs(error)), (a, b) -> a.plus(b.maxError()));
    }

    /** Every measured row with its estimate, in catalog order. */
    public List<Row> rows() {
        return rows;
    }

    /** What a band depends on: the configuration search asks for many with the same key. */
    private record BandKey(String family, String gpu, int gpus, Regime regime) {
    }

    private final Map<BandKey, ErrorBand> bands = new java.util.concurrent.ConcurrentHashMap<>();

    /** The band for an estimate of this model on this GPU configuration, in this regime. */
    public ErrorBand bandFor(OpenModel model, Gpu gpu, int gpus, Regime regime) {
        // the table is fixed once built, so a band is worked out once per key and shared
        return bands.computeIfAbsent(new BandKey(model.family(), gpu.id(), gpus, regime), k -> band(model, gpu, gpus, regime));
    }

    private ErrorBand band(OpenModel model, Gpu gpu, int gpus, Regime regime) {
        String gpuClass = gpu.architecture();
        String scope;
        Group g = groups.get("class:" + gpuClass + "|" + regime);
        if (g != null && g.rows() >= MIN_ROWS) {
            scope = gpuClass + " GPUs, " + regime.label();
        } else {
            g = groups.get("class:" + gpuClass);
            if (g != null && g.rows() >= MIN_ROWS) {
                scope = gpuClass + " GPUs";
            } else {
                g = groups.getOrDefault("all", new Group(0, 0));
                scope = "every measured row";
            }
        }
        List<String> outside = new ArrayList<>();
        if (!familiesCovered.contains(model.family())) {
            Integer misses = familyMisses.get(model.family());
            outside.add("no measured row for the " + model.family() + " family"
                    + (misses == null ? "" : " (its " + misses + " measured " + (misses == 1 ? "row is a known miss" : "rows are known misses")
                    + ", see the README)"));
        }
        GpuClassCalibration own = catalog.calibration().gpuClass(gpuClass).orElseThrow();
        if (!own.measured()) {
            outside.add("no measured row on a GPU of the " + gpuClass + " class: " + own.borrows() + "'s efficiencies stand in");
        }
        if (gpus > 1) {
            String kind = gpu.interconnect().kind();
            List<TensorParallelEfficiency> points = catalog.calibration().tensorParallelPoints(gpuClass, kind);
            if (points.stream().allMatch(p -> p.rows().isEmpty())) {
                outside.add("no measured row with GPUs split over " + kind.toUpperCase(Locale.ROOT)
                        + ": its tensor-parallel efficiency is assumed");
            }
        }
        return new ErrorBand((int) Math.ceil(g.maxError() * 100 - 1e-9), g.rows(), scope, !outside.isEmpty(), outside);
    }
}
