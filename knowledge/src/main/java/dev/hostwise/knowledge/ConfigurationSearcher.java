package dev.hostwise.knowledge;

import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.GpuPrice;
import dev.hostwise.knowledge.catalog.OpenModel;
import dev.hostwise.knowledge.catalog.ShippedPrecision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the cheapest configuration for a scenario with {@code gpuType: "auto"}: every catalog GPU x
 * GPUs per replica (1, 2, 4, 8) x precision (the one given, else every one the model ships in that
 * the GPU can compute), each estimated and priced for the scenario's volume and peak in whole
 * replicas with the pricing mode, floor and fixed costs of the cost model, at the GPU's catalog
 * price. The cheapest per day that meets maxSecondsPerRequest wins; when none does, the fastest.
 *
 * <p>Configurations whose weights cannot fit are dropped before any estimate is made, and the prices
 * and traffic profile are worked out once, so a search over the full catalog stays within a few
 * hundred microseconds (see BENCHMARKS.md).
 */
public final class ConfigurationSearcher {

    /** Runners-up listed besides the chosen configuration. */
    static final int RUNNERS_UP = 5;
    /** Examples given per reason a configuration lost. */
    static final int EXAMPLES = 3;

    private final Catalog catalog;
    private final ThroughputEstimator estimator;

    public ConfigurationSearcher(Catalog catalog, ThroughputEstimator estimator) {
        this.catalog = catalog;
        this.estimator = estimator;
    }

    private record Candidate(Gpu gpu, int gpus, Precision precision, GpuPrice price, Estimate estimate,
                             long replicas, double selfHostPerDay) {
        boolean meets() {
            return estimate.meetsLatencyTarget();
        }

        /** GPUs running, in 64 bits (saturating): 64 GPUs times a fleet past 2³¹ / 64 would wrap an int. */
        long gpusPerDay() {
            return replicas > Long.MAX_VALUE / gpus ? Long.MAX_VALUE : gpus * replicas;
        }

        ConfigurationSearch.Configuration configuration() {
            return new ConfigurationSearch.Configuration(gpu.id(), gpu.name(), gpus, precision, price.usdPerGpuHour(),
                    price.provider() + ", " + price.pricingType() + ", " + price.asOf(), FleetBound.reported(replicas), estimate.batch(),
                    estimate.requestsPerSecond(), ThroughputSource.ESTIMATED, estimate.secondsPerRequest(), selfHostPerDay, meets());
        }
    }

    /** Cheapest per day; then fewer GPUs running; then the faster; then catalog order. */
    private static final Comparator<Candidate> CHEAPEST = Comparator.comparingDouble(Candidate::selfHostPerDay)
            .thenComparingLong(Candidate::gpusPerDay)
            .thenComparingDouble(c -> c.estimate.secondsPerRequest())
            .thenComparing(c -> c.gpu.id())
            .thenComparing(c -> c.precision);

    /** The catalog price a GPU is priced at in this pricing mode, as the scenario reader fills it for a named GPU. */
    public static GpuPrice priceFor(Gpu gpu, PricingMode mode) {
        return (mode == PricingMode.RESERVED ? gpu.defaultReserved().or(gpu::defaultOnDemand) : gpu.defaultOnDemand())
                .orElseThrow(() -> new IllegalStateException(gpu.id() + " has no on-demand price"));
    }

    /** The precisions searched: the one given, or every one the model ships in. */
    static List<Precision> precisionsFor(OpenModel model, Precision given) {
        if (given != null) {
            return List.of(given);
        }
        List<Precision> shipped = new ArrayList<>();
        for (ShippedPrecision p : model.precisions()) {
            shipped.add(p.precision());
        }
        return shipped;
    }

    /** True when some catalog GPU, up to 8 per replica, holds the model and one request at a searched precision. */
    public static boolean anyConfigurationFits(Catalog catalog, OpenModel model, Precision given, int contextTokens) {
        ReplicaSizing sizing = new ReplicaSizing(catalog.calibration());
        for (Gpu gpu : catalog.gpus()) {
            for (Precision p : precisionsFor(model, given)) {
                for (int n : ReplicaSizing.tensorParallelDegrees()) {
                    if (sizing.maxBatchByMemory(model, gpu, p, n, contextTokens) >= 1) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Searches the catalog for a scenario asking {@code gpuType: "auto"}.
     *
     * @throws IllegalArgumentException when the model is not in the catalog or nothing fits (the
     *                                  scenario reader refuses such scenarios first)
     */
    public ConfigurationSearch search(Scenario s) {
        OpenModel model = catalog.openModel(s.openModel()).orElseThrow(() -> new IllegalArgumentException(
                "open model '" + s.openModel() + "' is not in the catalog"));
        Workload w = Workload.of(s);
        TrafficProfile profile = TrafficProfile.of(s);
        HostedPrice hosted = HostedPrice.of(s);
        List<Precision> precisions = precisionsFor(model, s.precision());
        ReplicaSizing sizing = estimator.sizing();

        List<Candidate> fitting = new ArrayList<>();
        List<String> outOfMemory = new ArrayList<>();
        List<String> noCompute = new ArrayList<>();
        int outOfMemoryCount = 0;
        int noComputeCount = 0;
        int considered = 0;
        for (Gpu gpu : catalog.gpus()) {
            GpuPrice price = priceFor(gpu, s.pricingMode());
            for (Precision precision : precisions) {
                List<Integer> degrees = ReplicaSizing.tensorParallelDegrees();
                considered += degrees.size();
                if (gpu.computeFor(precision) == null) {
                    noComputeCount += degrees.size();
                    if (noCompute.size() < EXAMPLES) {
                        noCompute.add(gpu.id() + " at " + precision + ": it has no " + precision.compute().label() + " compute");
                    }
                    continue;
                }
                for (int n : degrees) {
                    int memoryBatch = sizing.maxBatchByMemory(model, gpu, precision, n, w.contextTokens());
                    if (memoryBatch < 1) {
                        outOfMemoryCount++;
                        if (outOfMemory.size() < EXAMPLES) {
                            outOfMemory.add(outOfMemoryReason(model, gpu, precision, n, w));
                        }
                        continue;
                    }
                    Estimate e = estimator.estimateWithoutBand(model, gpu, precision, n, w);
                    CostBasis basis = new CostBasis(s.requestsPerDay(), e.requestsPerSecond(), s.utilization(),
                            s.peakToAverage(), profile, price.usdPerGpuHour(), n, s.minReplicas(), s.pricingMode(),
                            s.opsCostPerMonth(), s.otherCostPerMonth(), hosted);
                    fitting.add(new Candidate(gpu, n, precision, price, e, basis.replicas(), basis.selfHostPerDay()));
                }
            }
        }
        if (fitting.isEmpty()) {
            throw new IllegalArgumentException("no catalog configuration holds " + model.id() + " with one "
                    + w.contextTokens() + "-token request");
        }
        List<Candidate> meeting = new ArrayList<>();
        List<Candidate> slow = new ArrayList<>();
        for (Candidate c : fitting) {
            (c.meets() ? meeting : slow).add(c);
        }
        meeting.sort(CHEAPEST);
        slow.sort(Comparator.comparingDouble((Candidate c) -> c.estimate.secondsPerRequest()).thenComparing(CHEAPEST));
        boolean met = !meeting.isEmpty();
        Candidate chosen = met ? meeting.get(0) : slow.get(0);

        List<ConfigurationSearch.Configuration> runnersUp = new ArrayList<>();
        List<Candidate> ranked = new ArrayList<>(meeting);
        List<Candidate> slowByCost = new ArrayList<>(slow);
        slowByCost.sort(CHEAPEST);
        ranked.addAll(slowByCost);
        for (Candidate c : ranked) {
            if (c != chosen && runnersUp.size() < RUNNERS_UP) {
                runnersUp.add(c.configuration());
            }
        }
        List<String> tooSlow = new ArrayList<>();
        for (Candidate c : slowByCost) {
            if (c != chosen && tooSlow.size() < EXAMPLES) {
                tooSlow.add( String.format(Locale.ROOT, "%s: %s per request, over the %s target", c.configuration().describe(),
                        seconds(c.estimate.secondsPerRequest()), seconds(w.maxSecondsPerRequest())));
            }
        }
        List<String> dearer = new ArrayList<>();
        for (Candidate c : meeting) {
            if (c != chosen && dearer.size() < EXAMPLES) {
                dearer.add( String.format(Locale.ROOT, "%s: $%,.2f a day, $%,.2f more", c.configuration().describe(),
                        c.selfHostPerDay, c.selfHostPerDay - chosen.selfHostPerDay));
            }
        }
        ConfigurationSearch.Losses lost = new ConfigurationSearch.Losses(
                new ConfigurationSearch.Loss(outOfMemoryCount, outOfMemory),
                new ConfigurationSearch.Loss(noComputeCount, noCompute),
                new ConfigurationSearch.Loss(met ? slow.size() : slow.size() - 1, tooSlow),
                new ConfigurationSearch.Loss(met ? meeting.size() - 1 : 0, dearer));
        return new ConfigurationSearch(chosen.configuration(), met, runnersUp, considered, meeting.size(), precisions,
                s.pricingMode() == PricingMode.RESERVED ? "each GPU's reserved catalog price (on-demand when it has none)"
                        : "each GPU's default on-demand catalog price",
                lost);
    }

    private String outOfMemoryReason(OpenModel model, Gpu gpu, Precision precision, int n, Workload w) {
        double weightsGb = ReplicaSizing.weightBytes(model, precision) / 1e9;
        double memoryGb = n * gpu.memoryGB();
        if (weightsGb > memoryGb * (1 - catalog.calibration().memoryReserveFraction())) {
            return String.format(Locale.ROOT, "%d x %s at %s: %.0f GB of weights in %.0f GB", n, gpu.id(), precision, weightsGb, memoryGb);
        }
        return String.format(Locale.ROOT, "%d x %s at %s: the %.0f GB of weights leave no room in %.0f GB for one %,d-token request",
                n, gpu.id(), precision, weightsGb, memoryGb, w.contextTokens());
    }

    private static String seconds(double s) {
        return s >= 100 ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.3g s", s);
    }
}
