package dev.hostwise.knowledge;


/**
 * Throughput per replica derived from the model and GPU specs rather than measured: a roofline
 * calibrated against published measurements (see {@link ThroughputEstimator}). Every figure here is
 * an estimate, and {@link #errorBand()} says how far such estimates landed from measurements.
 *
 * @param batch                            requests one replica runs at once
 * @param batchLimitedBy                   what stopped the batch growing
 * @param maxBatchByMemory                 requests the KV cache holds at once
 * @param decodeTokensPerSecondPerSequence tokens per second one request streams, with the pauses
 *                                         other requests' prompts cause included
 * @param aggregateDecodeTokensPerSecond   completion tokens per second across the replica, first token
 *                                         included: batch x outputTokens / secondsPerRequest, what a
 *                                         load test reports as output tokens per second
 * @param timeToFirstTokenSeconds          one prompt's prefill
 * @param secondsPerRequest                first token to last, at this batch
 * @param meetsLatencyTarget               true when a request at this batch finishes within
 *                                         maxSecondsPerRequest
 * @param mbu                              the GPU class's nominal memory-bandwidth utilisation
 * @param mfu                              the GPU class's nominal model-FLOPS utilisation
 * @param tensorParallelEfficiency         share of MBU and MFU left after splitting over the GPUs
 * @param precisionEfficiency              share left after dequantising compressed weights in the
 *                                         kernel (1 when the GPU computes on them directly)
 * @param effectiveMbu                     mbu x every efficiency: what decode was priced at
 * @param effectiveMfu                     mfu x every efficiency: what prefill and large batches were priced at
 * @param tokenSplitAssumed                true when the prompt/completion split was assumed, not given
 * @param precision                        the precision asked for
 * @param weightFormat                     the format the weights are held in: the precision asked for,
 *                                         unless the model ships only smaller weights
 * @param compute                          the arithmetic the GPU runs
 * @param precisionShipped                 false when no official or widely used checkpoint ships in the
 *                                         weight format: the team would quantise it themselves
 * @param gpuClass                         the GPU's calibration class, e.g. hopper
 * @param weightsGB                        weight memory of one replica
 * @param kvCacheGBPerRequest              KV cache one request holds at its full context, all GPUs
 * @param moeEfficiency                    share of MBU and MFU a mixture-of-experts model keeps (1 when dense)
 * @param expertsReadPerStep               routed experts a decode step reads per MoE layer, of the model's
 *                                         total; null for a dense model
 * @param regime                           what limits the replica over a whole request
 * @param errorBand                        the estimator's accuracy against measured rows like this one
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
        boolean tokenSplitAssumed,
        Precision precision,
        Precision weightFormat,
        Precision.Compute compute,
        boolean precisionShipped,
        String gpuClass,
        double weightsGB,
        double kvCacheGBPerRequest,
        double moeEfficiency,
        Double expertsReadPerStep,
        Regime regime,
        ErrorBand errorBand) {

    /** True when the weights are held in a smaller format than asked (the model ships no larger one). */
    public boolean weightsKeptAsShipped() {
        return weightFormat != precision;
    }

}
