package dev.hostwise.knowledge;

/**
 * Throughput per replica derived from the model and GPU specs rather than measured: a roofline
 * (see {@link ThroughputEstimator}). Every figure here is an estimate.
 *
 * @param batch                            requests one replica runs at once
 * @param batchLimitedBy                   what stopped the batch growing
 * @param maxBatchByMemory                 requests the KV cache holds at once
 * @param decodeTokensPerSecondPerSequence tokens per second one request streams, with the pauses
 *                                         other requests' prompts cause included
 * @param aggregateDecodeTokensPerSecond   completion tokens per second across the batch: what a
 *                                         load test reports as output tokens per second
 * @param timeToFirstTokenSeconds          one prompt's prefill
 * @param secondsPerRequest                first token to last, at this batch
 * @param meetsLatencyTarget               false when even one request at a time exceeds maxSecondsPerRequest
 * @param mbu                              nominal memory-bandwidth utilisation
 * @param mfu                              nominal model-FLOPS utilisation
 * @param tensorParallelEfficiency         share of MBU and MFU left after splitting over the GPUs
 * @param precisionEfficiency              share of MBU quantised kernels reach
 * @param effectiveMbu                     mbu x both efficiencies: what decode was priced at
 * @param effectiveMfu                     mfu x tensor-parallel efficiency: what prefill was priced at
 * @param tokenSplitAssumed                true when the prompt/completion split was assumed, not given
 */
public record Estimate(
        int gpusPerReplica,
        int batch,
        BatchLimit batchLimitedBy,
        int maxBatchByMemory,
        double decodeTokensPerSecondPerSequence,
        double aggregateDecodeTokensPerSecond,
        double timeToFirstTokenSeconds,
        double secondsPerRequest,
        boolean meetsLatencyTarget,
        double requestsPerSecond,
        double mbu,
        double mfu,
        double tensorParallelEfficiency,
        double precisionEfficiency,
        double effectiveMbu,
        double effectiveMfu,
        int inputTokens,
        int outputTokens,
        int contextTokens,
        boolean tokenSplitAssumed) {
}
