package dev.hostwise.knowledge;

import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.OpenModel;
import dev.hostwise.knowledge.catalog.ThroughputCalibration;
import java.util.List;
import java.util.OptionalInt;

/**
 * How many GPUs one copy of the model needs, and how many requests its memory can hold at once.
 * Memory decides: the weights must fit, with room left for at least one request's KV cache.
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

    /** The largest tensor-parallel degree tried when sizing from memory. */
    public static int maxGpusPerReplica() {
        return TENSOR_PARALLEL_DEGREES.get(TENSOR_PARALLEL_DEGREES.size() - 1);
    }

    /** True when the weights alone fit in the GPUs' memory: anything less cannot run at all. */
    public static boolean weightsFit(OpenModel model, Gpu gpu, Precision precision, int gpus) {
        return weightBytes(model, precision) <= gpus * gpu.memoryGB() * 1e9;
    }

    /** Bytes left for the KV cache after the weights and the reserve; negative when the weights do not fit. */
    public double kvCacheBytes(OpenModel model, Gpu gpu, Precision precision, int gpus) {
        return gpus * gpu.memoryGB() * 1e9 * (1 - calibration.memoryReserveFraction()) - weightBytes(model, precision);
    }

    /** Requests whose full context fits in the KV cache at once; 0 when not even one does. */
    public int maxBatchByMemory(OpenModel model, Gpu gpu, Precision precision, int gpus, int contextTokens) {
        double room = kvCacheBytes(model, gpu, precision, gpus);
        return room <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.floor(room / ((double) contextTokens * model.kvBytesPerToken())));
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

    static double weightBytes(OpenModel model, Precision precision) {
        return model.weightBytes(precision).orElseThrow(() -> new IllegalArgumentException(
                model.id() + " has no " + precision + " weight size in the catalog"));
    }
}
