package dev.hostwise.knowledge;

import dev.hostwise.knowledge.catalog.AttentionKind;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.LocalAttention;
import dev.hostwise.knowledge.catalog.OpenModel;
import dev.hostwise.knowledge.catalog.ThroughputCalibration;
import java.util.List;
import java.util.OptionalInt;

/**
 * How many GPUs one copy of the model needs, and how many requests its memory can hold at once.
 * Memory decides: the weights must fit, with room left for at least one request's KV cache.
 *
 * <p>The KV cache of one request depends on the attention (heads x head dim, or MLA's latent), on
 * layers whose local attention caps it at a window, on the arithmetic (engines keep it at 8 bits with
 * FP8 or FP4 compute), and on the GPU count: tensor parallelism splits the KV heads over the GPUs,
 * but each GPU holds at least one head (so a model with 4 KV heads on 8 GPUs stores them twice), and
 * MLA's latent is shared by all heads, so every GPU keeps its own copy.
 */
public final class ReplicaSizing {

    /**
     * Tensor-parallel degrees tried when sizing from memory. Attention heads split evenly across
     * them for every catalog model, and beyond 8 a replica spans machines, which this model does not price.
     */
    private static final List<Integer> TENSOR_PARALLEL_DEGREES = List.of(1, 2, 4, 8);

    private final ThroughputCalibration calibration;

    public ReplicaSizing(ThroughputCalibration calibration) {
        this.calibration = calibration;
    }

    /** The tensor-parallel degrees tried when sizing from memory and searching configurations. */
    public static List<Integer> tensorParallelDegrees() {
        return TENSOR_PARALLEL_DEGREES;
    }

    /** The largest tensor-parallel degree tried when sizing from memory. */
    public static int maxGpusPerReplica() {
        return TENSOR_PARALLEL_DEGREES.get(TENSOR_PARALLEL_DEGREES.size() - 1);
    }

    /** Weight bytes when this precision is asked of the model (see {@link OpenModel#weightFormat}). */
    public static double weightBytes(OpenModel model, Precision precision) {
        return model.weightBytes(model.weightFormat(precision));
    }

    /** True when the weights alone fit in the GPUs' memory: anything less cannot run at all. */
    public static boolean weightsFit(OpenModel model, Gpu gpu, Precision precision, int gpus) {
        return weightBytes(model, precision) <= gpus * gpu.memoryGB() * 1e9;
    }

    /** Bytes left for the KV cache after the weights and the reserve; negative when the weights do not fit. */
    public double kvCacheBytes(OpenModel model, Gpu gpu, Precision precision, int gpus) {
        return gpus * gpu.memoryGB() * 1e9 * (1 - calibration.memoryReserveFraction()) - weightBytes(model, precision);
    }

    /**
     * KV-cache bytes one request holds at {@code contextTokens} tokens of context, summed over the
     * replica's GPUs.
     */
    public static double kvBytesPerRequest(OpenModel model, Precision.Compute compute, int gpus, double contextTokens) {
        double element = Precision.kvCacheBytesPerElement(compute);
        if (model.attention() == AttentionKind.MLA) {
            return model.layers() * model.mla().cachedPerTokenPerLayer() * element * contextTokens * gpus;
        }
        double perTokenPerLayer = 2.0 * Math.max(model.kvHeads(), gpus) * model.headDim() * element;
        LocalAttention local = model.localAttention();
        if (local == null) {
            return perTokenPerLayer * model.layers() * contextTokens;
        }
        int global = model.layers() - local.layers();
        return perTokenPerLayer * (global * contextTokens + local.layers() * Math.min(contextTokens, local.window()));
    }

    /** Requests whose full context fits in the KV cache at once; 0 when not even one does (or the GPU cannot run the precision). */
    public int maxBatchByMemory(OpenModel model, Gpu gpu, Precision precision, int gpus, int contextTokens) {
        Precision.Compute compute = gpu.computeFor(precision);
        if (compute == null) {
            return 0;
        }
        double room = kvCacheBytes(model, gpu, precision, gpus);
        if (room <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.floor(room / kvBytesPerRequest(model, compute, gpus, contextTokens)));
    }

    /** The fewest GPUs (1, 2, 4 or 8) that hold the weights plus one request's KV cache; empty when 8 do not. */
    public OptionalInt minimumGpus(OpenModel model, Gpu gpu, Precision precision, int contextTokens) {
        for (int n : TENSOR_PARALLEL_DEGREES) {
            if (maxBatchByMemory(model, gpu, precision, n, contextTokens) >= 1) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }
}
