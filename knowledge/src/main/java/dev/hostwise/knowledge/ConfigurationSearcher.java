package dev.hostwise.knowledge;

import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.GpuPrice;
import dev.hostwise.knowledge.catalog.OpenModel;
import dev.hostwise.knowledge.catalog.ShippedPrecision;
import dev.hostwise.knowledge.evidence.ComparableRun;
import dev.hostwise.knowledge.evidence.LoadTestRun;
import dev.hostwise.knowledge.evidence.ThroughputEvidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the cheapest configuration for a scenario with {@code gpuType: "auto"}: every catalog GPU x
 * GPUs per replica (1, 2, 4, 8) x precision (the one given, else every one the model ships in that
 * the GPU can compute), each estimated and priced for the scenario's volume and peak in whole
 * replicas with the pricing mode, floor and fixed costs of the cost model, at the GPU's catalog
 * price. Among those meeting maxSecondsPerRequest the cheapest per day wins, evidence first (see
 * {@link #search(Scenario, ThroughputEvidence)}); when none meets it, the fastest.
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

    /**
     * One configuration, priced: on its imported load test when one is comparable, else on its estimate.
     *
     * @param run  the comparable load test, or null
     * @param band the estimate's error band; null for a load test
     */
    private record Candidate(Gpu gpu, int gpus, Precision precision, GpuPrice price, Estimate estimate, LoadTestRun run,
                             ErrorBand band, long replicas, double selfHostPerDay, double seconds, boolean meets) {

        /** GPUs running, in 64 bits (saturating): 64 GPUs times a fleet past 2³¹ / 64 would wrap an int. */
        long gpusPerDay() {
            return replicas > Long.MAX_VALUE / gpus ? Long.MAX_VALUE : gpus * replicas;
        }

        ConfigurationSearch.EvidenceTier tier() {
            if (run != null) {
                return ConfigurationSearch.EvidenceTier.MEASURED;
            }
            return band.extrapolated() || price.verify() ? ConfigurationSearch.EvidenceTier.THIN
                    : ConfigurationSearch.EvidenceTier.ESTIMATED;
        }

        int uncertaintyPercent() {
            return run != null ? 0 : band.percent();
        }

        ConfigurationSearch.Evidence evidence() {
            List<String> notes = new ArrayList<>();
            if (run != null) {
                notes.add(run.describe() + " (" + run.workload() + ")");
            } else {
                notes.addAll(band.outsideEvidence());
                if (price.verify()) {
                    notes.add("the catalog marks its price unverified ($" + String.format(Locale.ROOT, "%.2f", price.usdPerGpuHour())
                            + " per GPU-hour at " + price.provider() + ", " + price.asOf() + ")");
                }
            }
            return new ConfigurationSearch.Evidence(tier(), uncertaintyPercent(), notes, run == null ? null : run.evidenceId());
        }

        int batch() {
            return run != null ? run.concurrency() : estimate.batch();
        }

        double requestsPerSecond() {
            return run != null ? run.requestsPerSecond() : estimate.requestsPerSecond();
        }

        ConfigurationSearch.Configuration configuration(Double atBandLow, boolean passedOver) {
            return new ConfigurationSearch.Configuration(gpu.id(), gpu.name(), gpus, precision, price.usdPerGpuHour(),
                    price.provider() + ", " + price.pricingType() + ", " + price.asOf(), FleetBound.reported(replicas), batch(),
                    requestsPerSecond(), run != null ? ThroughputSource.MEASURED : ThroughputSource.ESTIMATED, seconds,
                    selfHostPerDay, meets, evidence(), atBandLow, passedOver);
        }

        String describe() {
            return gpus + " x " + gpu.id() + " at " + precision;
        }
    }

    /** Cheapest per day; then fewer GPUs running; then the faster; then catalog order. */
    private static final Comparator<Candidate> CHEAPEST = Comparator.comparingDouble(Candidate::selfHostPerDay)
            .thenComparingLong(Candidate::gpusPerDay)
            .thenComparingDouble(Candidate::seconds)
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
        return search(s, ThroughputEvidence.NONE);
    }

    /**
     * Searches the catalog for a scenario asking {@code gpuType: "auto"}, pricing each configuration for
     * which a comparable load test was imported on that load test rather than on its estimate.
     *
     * <p><b>Evidence first.</b> Within each {@link ConfigurationSearch.EvidenceTier} the cheapest
     * configuration meeting the target stands for the tier. The best-backed tier's stands first; a
     * thinner tier's displaces it only when it is still cheaper with its throughput at the low end of its
     * error band (throughput / (1 + band), priced the same way), i.e. cheaper by more than its own
     * uncertainty. So a load test is displaced only by an estimate that beats it even if it misses by its
     * whole band, and an extrapolated estimate or an unverified price only by a margin larger than its band.
     *
     * @throws IllegalArgumentException when the model is not in the catalog or nothing fits (the
     *                                  scenario reader refuses such scenarios first)
     */
    public ConfigurationSearch search(Scenario s, ThroughputEvidence evidence) {
        OpenModel model = catalog.openModel(s.openModel()).orElseThrow(() -> new IllegalArgumentException(
                "open model '" + s.openModel() + "' is not in the catalog"));
        Workload w = Workload.of(s);
        TrafficProfile profile = TrafficProfile.of(s);
        HostedPrice hosted = HostedPrice.of(s);
        List<Precision> precisions = precisionsFor(model, s.precision());
        ReplicaSizing sizing = estimator.sizing();
        List<LoadTestRun> runs = evidence.runsFor(model.id());

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
                    // a load test that ran this configuration proves it fits, whatever the memory model says
                    LoadTestRun run = runs.isEmpty() ? null
                            : ComparableRun.best(runs, model.id(), gpu.id(), n, precision, w).orElse(null);
                    if (run != null) {
                        CostBasis basis = basis(s, profile, hosted, price, n, run.requestsPerSecond());
                        fitting.add(new Candidate(gpu, n, precision, price, null, run, null, basis.replicas(),
                                basis.selfHostPerDay(), run.secondsPerRequest(),
                                run.secondsPerRequest() <= w.maxSecondsPerRequest()));
                        continue;
                    }
                    int memoryBatch = sizing.maxBatchByMemory(model, gpu, precision, n, w.contextTokens());
                    if (memoryBatch < 1) {
                        outOfMemoryCount++;
                        if (outOfMemory.size() < EXAMPLES) {
                            outOfMemory.add(outOfMemoryReason(model, gpu, precision, n, w));
                        }
                        continue;
                    }
                    Estimate e = estimator.estimateWithoutBand(model, gpu, precision, n, w);
                    ErrorBand band = estimator.accuracy().bandFor(model, gpu, n, e.regime());
                    CostBasis basis = basis(s, profile, hosted, price, n, e.requestsPerSecond());
                    fitting.add(new Candidate(gpu, n, precision, price, e, null, band, basis.replicas(), basis.selfHostPerDay(),
                            e.secondsPerRequest(), e.meetsLatencyTarget()));
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
        slow.sort(Comparator.comparingDouble(Candidate::seconds).thenComparing(CHEAPEST));
        boolean met = !meeting.isEmpty();
        // priced again at the low end of its band only where a comparison or the verdict needs it
        Map<Candidate, Double> lowEnds = new IdentityHashMap<>();
        java.util.function.Function<Candidate, Double> atBandLow = c -> !c.meets() ? null : lowEnds.computeIfAbsent(c,
                k -> k.run != null ? k.selfHostPerDay : basis(s, profile, hosted, k.price, k.gpus,
                        k.requestsPerSecond() / (1 + k.uncertaintyPercent() / 100.0)).selfHostPerDay());
        Candidate chosen = met ? chooseOnEvidence(meeting, atBandLow) : slow.get(0);
        // cheaper configurations that met the target but lost on evidence
        // by identity: a candidate's record equality would compare whole GPU and estimate records
        java.util.Set<Candidate> passedOver = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Candidate c : meeting) {
            if (c == chosen) {
                break;
            }
            passedOver.add(c);
        }

        List<ConfigurationSearch.Configuration> runnersUp = new ArrayList<>();
        List<Candidate> ranked = new ArrayList<>(meeting);
        List<Candidate> slowByCost = new ArrayList<>(slow);
        slowByCost.sort(CHEAPEST);
        ranked.addAll(slowByCost);
        for (Candidate c : ranked) {
            if (c != chosen && runnersUp.size() < RUNNERS_UP) {
                runnersUp.add(c.configuration(atBandLow.apply(c), passedOver.contains(c)));
            }
        }
        List<String> tooSlow = new ArrayList<>();
        for (Candidate c : slowByCost) {
            if (c != chosen && tooSlow.size() < EXAMPLES) {
                tooSlow.add(String.format(Locale.ROOT, "%s: %s per request, over the %s target", c.describe(),
                        seconds(c.seconds), seconds(w.maxSecondsPerRequest())));
            }
        }
        List<String> dearer = new ArrayList<>();
        List<String> thinner = new ArrayList<>();
        int dearerCount = 0;
        for (Candidate c : meeting) {
            if (c == chosen) {
                continue;
            }
            if (passedOver.contains(c)) {
                if (thinner.size() < EXAMPLES) {
                    thinner.add(String.format(Locale.ROOT, "%s: $%,.2f a day, $%,.2f less, but %s evidence (%s); with its"
                                    + " throughput %d%% lower, the low end of its band, $%,.2f", c.describe(), c.selfHostPerDay,
                            chosen.selfHostPerDay - c.selfHostPerDay, c.tier().json(), String.join("; ", c.evidence().notes()),
                            c.uncertaintyPercent(), atBandLow.apply(c)));
                }
                continue;
            }
            dearerCount++;
            if (dearer.size() < EXAMPLES) {
                dearer.add(String.format(Locale.ROOT, "%s: $%,.2f a day, $%,.2f more", c.describe(),
                        c.selfHostPerDay, c.selfHostPerDay - chosen.selfHostPerDay));
            }
        }
        ConfigurationSearch.Losses lost = new ConfigurationSearch.Losses(
                new ConfigurationSearch.Loss(outOfMemoryCount, outOfMemory),
                new ConfigurationSearch.Loss(noComputeCount, noCompute),
                new ConfigurationSearch.Loss(met ? slow.size() : slow.size() - 1, tooSlow),
                new ConfigurationSearch.Loss(dearerCount, dearer),
                new ConfigurationSearch.Loss(passedOver.size(), thinner));
        return new ConfigurationSearch(chosen.configuration(atBandLow.apply(chosen), false), met, runnersUp, considered,
                meeting.size(), precisions,
                s.pricingMode() == PricingMode.RESERVED ? "each GPU's reserved catalog price (on-demand when it has none)"
                        : "each GPU's default on-demand catalog price",
                lost, !passedOver.isEmpty());
    }

    /**
     * The evidence-first choice among configurations meeting the target, cheapest first: each tier's
     * cheapest stands for it; a thinner tier's displaces the one chosen so far only when it is cheaper
     * even at the low end of its error band.
     */
    private static Candidate chooseOnEvidence(List<Candidate> meetingCheapestFirst,
                                               java.util.function.Function<Candidate, Double> atBandLow) {
        Candidate chosen = null;
        for (ConfigurationSearch.EvidenceTier tier : ConfigurationSearch.EvidenceTier.values()) {
            Candidate best = null;
            for (Candidate c : meetingCheapestFirst) {
                if (c.tier() == tier) {
                    best = c;
                    break;
                }
            }
            if (best == null) {
                continue;
            }
            if (chosen == null || atBandLow.apply(best) < chosen.selfHostPerDay) {
                chosen = best;
            }
        }
        return chosen;
    }

    private static CostBasis basis(Scenario s, TrafficProfile profile, HostedPrice hosted, GpuPrice price, int gpus,
                                   double requestsPerSecond) {
        return new CostBasis(s.requestsPerDay(), requestsPerSecond, s.utilization(), s.peakToAverage(), profile,
                price.usdPerGpuHour(), gpus, s.minReplicas(), s.pricingMode(), s.opsCostPerMonth(), s.otherCostPerMonth(),
                hosted);
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
