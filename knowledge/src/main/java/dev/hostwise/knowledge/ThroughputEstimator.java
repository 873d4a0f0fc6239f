package dev.hostwise.knowledge;

import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.OpenModel;
import dev.hostwise.knowledge.catalog.ThroughputCalibration;
import java.util.Optional;

/**
 * Estimates requests per second per replica from the model and GPU specs when nobody measured it:
 * a roofline, calibrated against published measurements (the catalog's throughput calibration).
 *
 * <ul>
 *   <li>Decode step at batch B: {@code max((W + B x N x kv) / (BW x MBU), 2 x P x B / (F x MFU))},
 *       W weight bytes, N mean context in the cache, kv KV bytes per token, BW and F the replica's
 *       bandwidth and dense FLOPS, P parameters. Decode is almost always the first term: every step
 *       reads all weights and every cached token.</li>
 *   <li>Prefill of one prompt: {@code max(2 x P x N_in / (F x MFU), W / (BW x MBU))}; that is the
 *       time to first token.</li>
 *   <li>While a request decodes, each of the other B - 1 requests in the batch starts a new prompt
 *       once, and its prefill compute stalls the batch: one request takes
 *       {@code TTFT + N_out x step(B) + (B - 1) x 2 x P x N_in / (F x MFU)}.</li>
 *   <li>The batch is the largest that fits the KV cache left after the weights, is within
 *       maxConcurrency, and keeps one request within maxSecondsPerRequest; requests per second is
 *       B divided by one request's time (Little's law for a closed loop).</li>
 *   <li>MBU and MFU are the calibrated nominal values, multiplied by the tensor-parallel efficiency
 *       for the GPU count (both) and the precision efficiency for quantised weights (MBU only).</li>
 * </ul>
 */
public final class ThroughputEstimator {

    private final Catalog catalog;
    private final ReplicaSizing sizing;

    public ThroughputEstimator(Catalog catalog) {
        this.catalog = catalog;
        this.sizing = new ReplicaSizing(catalog.calibration());
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

    /**
     * Estimates one replica of {@code gpus} GPUs serving this workload.
     *
     * @throws IllegalArgumentException when the GPUs cannot hold the weights and one request's KV cache
     *                                  (the scenario reader refuses such scenarios first)
     */
    public Estimate estimate(OpenModel model, Gpu gpu, Precision precision, int gpus, Workload w) {
        ThroughputCalibration c = catalog.calibration();
        double tensorParallel = c.tensorParallelEfficiency(gpus);
        double quantised = c.precisionEfficiency(precision);
        Roofline r = new Roofline(
                ReplicaSizing.weightBytes(model, precision),
                model.paramsBillion() * 1e9,
                model.kvBytesPerToken(),
                gpus * gpu.hbmGBps() * 1e9 * c.mbu() * tensorParallel * quantised,
                gpus * gpu.fp16DenseTflops() * 1e12 * c.mfu() * tensorParallel,
                w);

        int memoryBatch = sizing.maxBatchByMemory(model, gpu, precision, gpus, w.contextTokens());
        if (memoryBatch < 1) {
            throw new IllegalArgumentException(gpus + " x " + gpu.id() + " cannot hold " + model.id() + " at " + precision
                    + " plus one " + w.contextTokens() + "-token request");
        }
        int cap = memoryBatch;
        BatchLimit limit = BatchLimit.MEMORY;
        if (w.maxConcurrency() != null && w.maxConcurrency() < cap) {
            cap = w.maxConcurrency();
            limit = BatchLimit.MAX_CONCURRENCY;
        }
        int batch;
        boolean meets = r.requestSeconds(1) <= w.maxSecondsPerRequest();
        if (!meets) {
            batch = 1;
            limit = BatchLimit.LATENCY_TARGET;
        } else if (r.requestSeconds(cap) <= w.maxSecondsPerRequest()) {
            batch = cap;
        } else {
            // request time rises with the batch: bisect for the largest batch that still meets the target
            int lo = 1;
            int hi = cap;
            while (hi - lo > 1) {
                int mid = lo + (hi - lo) / 2;
                if (r.requestSeconds(mid) <= w.maxSecondsPerRequest()) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            batch = lo;
            limit = BatchLimit.LATENCY_TARGET;
        }

        double perSequence = r.tokensPerSecondPerSequence(batch);
        double seconds = r.requestSeconds(batch);
        return new Estimate(gpus, batch, limit, memoryBatch, perSequence, batch * perSequence,
                r.timeToFirstToken(), seconds, meets, batch / seconds,
                c.mbu(), c.mfu(), tensorParallel, quantised, c.mbu() * tensorParallel * quantised,
                c.mfu() * tensorParallel, w.inputTokens(), w.outputTokens(), w.contextTokens(), w.splitAssumed());
    }

    /**
     * The roofline for one replica and workload.
     *
     * @param bandwidth bytes per second actually read (HBM x GPUs x effective MBU)
     * @param flops     FLOPs per second actually done (dense FP16 x GPUs x effective MFU)
     */
    private record Roofline(double weights, double params, double kvPerToken, double bandwidth, double flops,
                            Workload w) {

        /** One decode step for the whole batch: all weights and every cached token read once. */
        double step(int batch) {
            double memory = (weights + batch * w.meanDecodeContext() * kvPerToken) / bandwidth;
            double compute = 2 * params * batch / flops;
            return Math.max(memory, compute);
        }

        /** Compute for one prompt; it stalls the decoding batch while it runs. */
        double prefillCompute() {
            return 2 * params * w.inputTokens() / flops;
        }

        /** A prompt on its own still reads every weight once. */
        double timeToFirstToken() {
            return Math.max(prefillCompute(), weights / bandwidth);
        }

        /** First token to last for one request at this batch, with the other requests' prompts interleaved. */
        double requestSeconds(int batch) {
            return timeToFirstToken() + w.outputTokens() * step(batch) + (batch - 1) * prefillCompute();
        }

        double tokensPerSecondPerSequence(int batch) {
            if (w.outputTokens() == 0) {
                return 1 / step(batch);
            }
            return w.outputTokens() / (w.outputTokens() * step(batch) + (batch - 1) * prefillCompute());
        }
    }
}
