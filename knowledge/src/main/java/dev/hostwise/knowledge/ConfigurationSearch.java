package dev.hostwise.knowledge;

import java.util.List;

/**
 * What the configuration search found: the cheapest catalog configuration (GPU type, GPUs per
 * replica, precision) that serves the scenario's volume and peak within its latency target, the
 * best of the rest, and why the others lost. Its JSON form, {@code figures.configurationSearch}, is
 * a public contract.
 *
 * @param chosen                   the configuration the verdict decides on
 * @param chosenMeetsLatencyTarget false when no configuration meets maxSecondsPerRequest: then the
 *                                 fastest one was chosen, and the verdict says so
 * @param runnersUp                the next best, cheapest first (those meeting the target before those not)
 * @param considered               GPU type x GPUs per replica x precision combinations looked at
 * @param meetingTarget            how many of them fit and meet the latency target
 * @param precisions               the precisions searched: the one given, or every one the model ships in
 * @param pricing                  which catalog price each GPU was priced at: its default on-demand price,
 *                                 or its reserved price for a reservation (on-demand when it has none)
 * @param lost                     why the others lost, with counts and examples
 */
public record ConfigurationSearch(
        Configuration chosen,
        boolean chosenMeetsLatencyTarget,
        List<Configuration> runnersUp,
        int considered,
        int meetingTarget,
        List<Precision> precisions,
        String pricing,
        Losses lost) {

    public ConfigurationSearch {
        runnersUp = List.copyOf(runnersUp);
        precisions = List.copyOf(precisions);
    }

    /**
     * One configuration, priced for the scenario.
     *
     * @param gpuDollarsPerHour  the catalog price it was priced at, per GPU
     * @param priceSource        who charges it, and when it was seen
     * @param replicas           replicas the volume and peak need (the busiest hour's when autoscaled)
     * @param batch              requests in flight per replica
     * @param requestsPerSecond  requests per second per replica the configuration was priced at
     * @param throughputSource   where that figure came from: {@code estimated} today; a configuration
     *                           with a measured load test would say {@code measured}
     * @param secondsPerRequest  estimated first token to last, at that batch
     * @param selfHostPerDay     GPUs in whole replicas plus the fixed costs: what the search minimises
     */
    public record Configuration(
            String gpuType,
            String gpuName,
            int gpusPerReplica,
            Precision precision,
            double gpuDollarsPerHour,
            String priceSource,
            int replicas,
            int batch,
            double requestsPerSecond,
            ThroughputSource throughputSource,
            double secondsPerRequest,
            double selfHostPerDay,
            boolean meetsLatencyTarget) {

        /** "2 x h100-80gb at FP8". */
        public String describe() {
            return gpusPerReplica + " x " + gpuType + " at " + precision;
        }
    }

    /**
     * Why configurations lost to the chosen one.
     *
     * @param outOfMemory the GPUs cannot hold the weights and one request's KV cache
     * @param noCompute   the GPU lacks the arithmetic the precision needs (FP8 or FP4)
     * @param tooSlow     it fits, but a request takes longer than maxSecondsPerRequest
     * @param dearer      it fits and meets the target, but costs more per day
     */
    public record Losses(Loss outOfMemory, Loss noCompute, Loss tooSlow, Loss dearer) {
    }

    /** How many configurations lost for one reason, and a few of them in words. */
    public record Loss(int count, List<String> examples) {
        public Loss {
            examples = List.copyOf(examples);
        }
    }
}
