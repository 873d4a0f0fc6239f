package dev.hostwise.knowledge;

import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.MixtureOfExperts;
import dev.hostwise.knowledge.catalog.OpenModel;
import dev.hostwise.knowledge.catalog.ThroughputCalibration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Estimates requests per second per replica from the model and GPU specs when nobody measured it:
 * a roofline, calibrated by GPU class against published measurements (the catalog's throughput
 * calibration).
 *
 * <ul>
 *   <li><b>Decode step</b> at batch B: {@code max((W_read(B) + B x kv(N)) / BW, 2 x A x B / (F x d))}, plus the
 *       time the activations take to cross the interconnect when the replica spans GPUs. W_read is
 *       every weight for a dense model; for a mixture of experts it is the shared weights plus the
 *       routed experts the batch touches: each token picks k of E experts per layer, so B tokens
 *       touch {@code E (1 - (1 - k/E)^B)} of them on average, k at batch 1 and nearly all at large
 *       batch. kv(N) is one request's KV cache at the mean context N (see {@link ReplicaSizing}). A
 *       is the active parameters: only they are multiplied. d is the decode compute efficiency: decode
 *       multiplies a few hundred tokens at a time and reaches a smaller share of peak than prefill.</li>
 *   <li><b>Dispatch floor</b>: a mixture of experts spread over n GPUs cannot finish a step faster
 *       than its MoE layers take to dispatch tokens to experts and gather them back,
 *       {@code moeLayers x (n - 1) x dispatch time}, however small the batch.</li>
 *   <li><b>Prefill</b> of one prompt of P tokens: {@code (2 x A x P + 2 x layers x heads x headDim x P^2) / F},
 *       plus its activations over the interconnect; the time to first token is that, or one read
 *       of the weights if longer.</li>
 *   <li>While a request decodes, each of the other B - 1 requests in the batch starts a new prompt
 *       once, and its prefill stalls the batch: one request takes
 *       {@code TTFT + N_out x step(B) + (B - 1) x prefill}.</li>
 *   <li><b>Batch</b>: with maxConcurrency given, that many requests are in flight (as in a load test at
 *       that concurrency), unless memory holds fewer; the latency target is then only checked.
 *       Without it, the batch is the largest that fits the KV cache and keeps one request within
 *       maxSecondsPerRequest. Requests per second is B divided by one request's time (Little's law
 *       for a closed loop).</li>
 *   <li><b>Efficiencies</b>: BW and F are the GPUs' peak memory bandwidth and dense tensor throughput
 *       (at the precision computed in) times the class's MBU and MFU, times the tensor-parallel
 *       efficiency for the interconnect and GPU count, the dequantising efficiency for compressed
 *       weights the GPU does not compute on directly, and the mixture-of-experts efficiency.</li>
 * </ul>
 *
 * <p>The accuracy table (every calibration and check row, estimated as a user would ask it) is
 * computed once, when the estimator is built for a catalog; each estimate's error band is looked up
 * in it.
 */
public final class ThroughputEstimator {

    /** Activations cross the interconnect at 16 bits. */
    private static final double ACTIVATION_BYTES = 2;
    /** All-reduces per transformer layer under tensor parallelism: after attention and after the MLP. */
    private static final int COLLECTIVES_PER_LAYER = 2;

    private final Catalog catalog;
    private final ThroughputCalibration calibration;
    private final ReplicaSizing sizing;
    private final Map<String, GpuProfile> profiles = new HashMap<>();
    private final EstimatorAccuracy accuracy;

    /** What the calibration gives one GPU, resolved once per catalog so the search's inner loop only multiplies. */
    private record GpuProfile(Gpu gpu, double mbu, double mfu, double[] tensorParallel) {
    }

    public ThroughputEstimator(Catalog catalog) {
        this.catalog = catalog;
        this.calibration = catalog.calibration();
        this.sizing = new ReplicaSizing(calibration);
        for (Gpu g : catalog.gpus()) {
            double[] tp = new double[ReplicaSizing.maxGpusPerReplica() + 1];
            for (int n = 1; n < tp.length; n++) {
                tp[n] = calibration.tensorParallelEfficiency(g.architecture(), g.interconnect().kind(), n);
            }
            profiles.put(g.id(), new GpuProfile(g, calibration.mbuFor(g.architecture()), calibration.mfuFor(g.architecture()), tp));
        }
        this.accuracy = new EstimatorAccuracy(catalog, this);
    }

    /** The estimate when the scenario leaves the throughput to be estimated; empty when it gives a figure. */
    public Optional<Estimate> estimateFor(Scenario s) {
        if (!s.throughputToEstimate()) {
            return Optional.empty();
        }
        OpenModel model = catalog.openModel(s.openModel()).orElseThrow(() -> new IllegalArgumentException(
                "open model '" + s.openModel() + "' is not in the catalog"));
        Gpu gpu = catalog.gpu(s.gpuType()).orElseThrow(() -> new IllegalArgumentException(
                "GPU '" + s.gpuType() + "' is not in the catalog"));
        return Optional.of(estimate(model, gpu, s.precision(), s.gpusPerReplica(), Workload.of(s)));
    }

    /** The accuracy table, computed when this estimator was built. */
    public EstimatorAccuracy accuracy() {
        return accuracy;
    }

    public ReplicaSizing sizing() {
        return sizing;
    }

    /**
     * Estimates one replica of {@code gpus} GPUs serving this workload, with its error band.
     *
     * @throws IllegalArgumentException when the GPU cannot compute the precision, or the GPUs cannot
     *                                  hold the weights and one request's KV cache (the scenario reader
     *                                  refuses such scenarios first)
     */
    public Estimate estimate(OpenModel model, Gpu gpu, Precision precision, int gpus, Workload w) {
        Physics p = physics(model, gpu, precision, gpus, w);
        return p.estimate(accuracy.bandFor(model, gpu, gpus, p.regimeAt(p.batch)));
    }

    /**
     * The estimate without its error band: the accuracy table itself is built from these, and the
     * configuration search prices many of them before it needs a band for the one it chooses.
     */
    Estimate estimateWithoutBand(OpenModel model, Gpu gpu, Precision precision, int gpus, Workload w) {
        return physics(model, gpu, precision, gpus, w).estimate(null);
    }

    /** The regime an estimate without band ran in (the accuracy table files its rows by it). */
    Regime regimeOf(OpenModel model, Gpu gpu, Precision precision, int gpus, Workload w) {
        Physics p = physics(model, gpu, precision, gpus, w);
        return p.regimeAt(p.batch);
    }

    private Physics physics(OpenModel model, Gpu gpu, Precision precision, int gpus, Workload w) {
        GpuProfile profile = profiles.get(gpu.id());
        if (profile == null) {
            throw new IllegalArgumentException("GPU '" + gpu.id() + "' is not in this estimator's catalog");
        }
        Precision.Compute compute = gpu.computeFor(precision);
        if (compute == null) {
            throw new IllegalArgumentException(precision + " needs " + precision.compute().label() + " compute, which "
                    + gpu.id() + " lacks");
        }
        if (gpus >= profile.tensorParallel.length) {
            throw new IllegalArgumentException("at most " + ReplicaSizing.maxGpusPerReplica() + " GPUs per replica are estimated, got " + gpus);
        }
        int memoryBatch = sizing.maxBatchByMemory(model, gpu, precision, gpus, w.contextTokens());
        if (memoryBatch < 1) {
            throw new IllegalArgumentException(gpus + " x " + gpu.id() + " cannot hold " + model.id() + " at " + precision
                    + " plus one " + w.contextTokens() + "-token request");
        }
        return new Physics(model, gpu, profile, precision, compute, gpus, w, memoryBatch);
    }

    /** The roofline for one model, GPU configuration and workload. */
    private final class Physics {
        private final OpenModel model;
        private final Gpu gpu;
        private final GpuProfile profile;
        private final Precision precision;
        private final Precision format;
        private final Precision.Compute compute;
        private final int gpus;
        private final Workload w;
        private final int memoryBatch;
        private final double tensorParallel;
        private final double dequantised;
        private final double moeEfficiency;
        private final double bandwidth;
        private final double flops;
        private final double weights;
        private final double routed;
        private final double activeParams;
        private final double kvPerRequestMean;
        private final double commPerToken;
        private final double dispatchFloor;
        private final double prefill;
        private final double prefillCompute;
        private final double ttft;
        final int batch;
        private final BatchLimit limit;

        Physics(OpenModel model, Gpu gpu, GpuProfile profile, Precision precision, Precision.Compute compute, int gpus,
                Workload w, int memoryBatch) {
            this.model = model;
            this.gpu = gpu;
            this.profile = profile;
            this.precision = precision;
            this.format = model.weightFormat(precision);
            this.compute = compute;
            this.gpus = gpus;
            this.w = w;
            this.memoryBatch = memoryBatch;
            this.tensorParallel = profile.tensorParallel[gpus];
            boolean dequantisedInKernel = format.weightOnly() || (format == Precision.MXFP4 && compute != Precision.Compute.FP4);
            this.dequantised = dequantisedInKernel ? calibration.dequantisedEfficiency(format) : 1.0;
            this.moeEfficiency = model.moe() != null ? calibration.moe().efficiency() : 1.0;
            double mbu = profile.mbu * tensorParallel * dequantised * moeEfficiency;
            double mfu = profile.mfu * tensorParallel * dequantised * moeEfficiency;
            this.bandwidth = gpus * gpu.hbmGBps() * 1e9 * mbu;
            this.flops = gpus * gpu.denseTflops(compute) * 1e12 * mfu;
            this.weights = model.weightBytes(format);
            this.routed = model.routedWeightBytes(format);
            this.activeParams = model.activeParams();
            this.kvPerRequestMean = ReplicaSizing.kvBytesPerRequest(model, compute, gpus, w.meanDecodeContext());
            double linkBytesPerSecond = gpu.interconnect().gbPerSecond() * 1e9;
            // a ring all-reduce moves 2 (n - 1) / n of the activations through each GPU's link
            this.commPerToken = gpus > 1
                    ? COLLECTIVES_PER_LAYER * model.layers() * 2.0 * (gpus - 1) / gpus * model.hiddenSize() * ACTIVATION_BYTES
                      / linkBytesPerSecond
                    : 0;
            MixtureOfExperts moe = model.moe();
            this.dispatchFloor = moe != null && gpus > 1
                    ? moe.layers() * (gpus - 1) * calibration.moe().dispatchSecondsPerLayerPerExtraGpu() : 0;
            double in = w.inputTokens();
            this.prefillCompute = (2 * activeParams * in
                    + 2.0 * model.layers() * model.attentionHeads() * model.headDim() * in * in) / flops;
            this.prefill = prefillCompute + commPerToken * in;
            this.ttft = Math.max(prefill, weights / bandwidth);

            int cap = memoryBatch;
            BatchLimit lim = BatchLimit.MEMORY;
            if (w.maxConcurrency() != null) {
                // a fixed concurrency, as in a load test: that many in flight unless memory holds fewer
                if (w.maxConcurrency() < cap) {
                    cap = w.maxConcurrency();
                    lim = BatchLimit.MAX_CONCURRENCY;
                }
                this.batch = cap;
            } else if (requestSeconds(1) > w.maxSecondsPerRequest()) {
                this.batch = 1;
                lim = BatchLimit.LATENCY_TARGET;
            } else if (requestSeconds(cap) <= w.maxSecondsPerRequest()) {
                this.batch = cap;
            } else {
                // request time rises with the batch: bisect for the largest batch that still meets the target
                int lo = 1;
                int hi = cap;
                while (hi - lo > 1) {
                    int mid = lo + (hi - lo) / 2;
                    if (requestSeconds(mid) <= w.maxSecondsPerRequest()) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                this.batch = lo;
                lim = BatchLimit.LATENCY_TARGET;
            }
            this.limit = lim;
        }

        double weightsRead(int b) {
            MixtureOfExperts moe = model.moe();
            if (moe == null) {
                return weights;
            }
            return weights - routed + routed * moe.expertsTouched(b) / moe.experts();
        }

        double memoryTime(int b) {
            return (weightsRead(b) + b * kvPerRequestMean) / bandwidth;
        }

        /** Decode's products are a few hundred tokens wide: they reach a smaller share of peak than prefill's. */
        double computeTime(int b) {
            return 2 * activeParams * b / (flops * calibration.decodeComputeEfficiency());
        }

        /** One decode step for the whole batch. */
        double step(int b) {
            double s = Math.max(memoryTime(b), computeTime(b)) + commPerToken * b;
            return Math.max(s, dispatchFloor);
        }

        /** First token to last for one request at this batch, with the other requests' prompts interleaved. */
        double requestSeconds(int b) {
            return ttft + w.outputTokens() * step(b) + (b - 1) * prefill;
        }

        double perSequence(int b) {
            if (w.outputTokens() == 0) {
                return 1 / step(b);
            }
            return w.outputTokens() / (w.outputTokens() * step(b) + (b - 1) * prefill);
        }

        Regime regimeAt(int b) {
            double gpuStep = Math.max(memoryTime(b), computeTime(b)) + commPerToken * b;
            if (dispatchFloor > gpuStep) {
                return Regime.DISPATCH_BOUND;
            }
            // over one request's life: its decode steps, and the prompts of the batch it shares them with
            double computing = w.outputTokens() * computeTime(b) + b * prefillCompute;
            double reading = w.outputTokens() * memoryTime(b);
            return computing > reading ? Regime.COMPUTE_BOUND : Regime.MEMORY_BOUND;
        }

        Estimate estimate(ErrorBand band) {
            double seconds = requestSeconds(batch);
            double perSeq = perSequence(batch);
            MixtureOfExperts moe = model.moe();
            return new Estimate(gpus, batch, limit, memoryBatch, perSeq, batch * (double) w.outputTokens() / seconds,
                    ttft, seconds, seconds <= w.maxSecondsPerRequest(), batch / seconds,
                    profile.mbu, profile.mfu, tensorParallel, dequantised,
                    profile.mbu * tensorParallel * dequantised * moeEfficiency,
                    profile.mfu * tensorParallel * dequantised * moeEfficiency,
                    w.inputTokens(), w.outputTokens(), w.contextTokens(), w.splitAssumed(),
                    precision, format, compute, model.shipsIn(format), gpu.architecture(),
                    weights / 1e9, ReplicaSizing.kvBytesPerRequest(model, compute, gpus, w.contextTokens()) / 1e9,
                    moeEfficiency, moe == null ? null : moe.expertsTouched(batch), regimeAt(batch), band);
        }
    }
}
