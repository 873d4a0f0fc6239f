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
 * @param chosenOnEvidence         true when a cheaper configuration meeting the target was passed over because
 *                                 it rests on thinner evidence than the chosen one and is not cheaper by more
 *                                 than its error band (see {@link EvidenceTier}); those are marked
 *                                 {@code passedOver} among the runners-up
 */
public record ConfigurationSearch(
        Configuration chosen,
        boolean chosenMeetsLatencyTarget,
        List<Configuration> runnersUp,
        int considered,
        int meetingTarget,
        List<Precision> precisions,
        String pricing,
        Losses lost,
        boolean chosenOnEvidence) {

    public ConfigurationSearch {
        runnersUp = List.copyOf(runnersUp);
        precisions = List.copyOf(precisions);
    }

    /** The best runner-up that was not passed over on evidence (the next choice), or null when there is none. */
    public Configuration nextBest() {
        return runnersUp.stream().filter(c -> !c.passedOver()).findFirst().orElse(null);
    }

    /**
     * One configuration, priced for the scenario.
     *
     * @param gpuDollarsPerHour  the catalog price it was priced at, per GPU
     * @param priceSource        who charges it, and when it was seen
     * @param replicas           replicas the volume and peak need (the busiest hour's when autoscaled)
     * @param batch              requests in flight per replica
     * @param requestsPerSecond  requests per second per replica the configuration was priced at
     * @param throughputSource   where that figure came from: {@code estimated}, or {@code measured} when a
     *                           comparable load test was imported for this configuration
     * @param secondsPerRequest  first token to last, at that batch (estimated, or the load test's)
     * @param selfHostPerDay     GPUs in whole replicas plus the fixed costs: what the search minimises
     * @param evidence           what the figures rest on, and how far they may be off
     * @param selfHostPerDayAtBandLow what it would cost per day with its throughput at the low end of its error
     *                           band (the estimate divided by 1 + the band); equal to {@code selfHostPerDay} for
     *                           a load test; null for a configuration too slow to be compared
     * @param passedOver         true for a configuration cheaper than the chosen one that lost on evidence
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
            boolean meetsLatencyTarget,
            Evidence evidence,
            Double selfHostPerDayAtBandLow,
            boolean passedOver) {

        /** "2 x h100-80gb at FP8". */
        public String describe() {
            return gpusPerReplica + " x " + gpuType + " at " + precision;
        }
    }

    /**
     * How well a configuration's figures are backed, best first. The search prefers better evidence: a
     * configuration on thinner evidence wins over the cheapest on better evidence only when it stays
     * cheaper with its throughput at the low end of its error band ({@code selfHostPerDayAtBandLow}), that
     * is, when it is cheaper by more than its own uncertainty.
     */
    public enum EvidenceTier {
        /** A load test the team imported for this configuration ({@code hostwise measure import}). */
        MEASURED,
        /** Estimated within the measured evidence: the model family, GPU class and interconnect all have
         *  measured rows, and the price is not marked unverified. */
        ESTIMATED,
        /** Estimated past the measured evidence (no measured row for its model family, GPU class or
         *  interconnect), or priced at a figure the catalog marks unverified. */
        THIN;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What a configuration's figures rest on.
     *
     * @param tier               how well they are backed
     * @param uncertaintyPercent how far the throughput may be off: the estimate's error band, 0 for a load test
     * @param notes              why, in words: what the estimate runs past, an unverified price, or the load test
     * @param evidenceId         the load test's evidence ID (SHA-256), when measured
     */
    public record Evidence(EvidenceTier tier, int uncertaintyPercent, List<String> notes, String evidenceId) {
        public Evidence {
            notes = List.copyOf(notes);
        }
    }

    /**
     * Why configurations lost to the chosen one.
     *
     * @param outOfMemory     the GPUs cannot hold the weights and one request's KV cache
     * @param noCompute       the GPU lacks the arithmetic the precision needs (FP8 or FP4)
     * @param tooSlow         it fits, but a request takes longer than maxSecondsPerRequest
     * @param dearer          it fits and meets the target, but costs more per day
     * @param thinnerEvidence it fits, meets the target and costs less per day, but rests on thinner evidence
     *                        than the chosen one and is not cheaper by more than its error band
     */
    public record Losses(Loss outOfMemory, Loss noCompute, Loss tooSlow, Loss dearer, Loss thinnerEvidence) {
    }

    /** How many configurations lost for one reason, and a few of them in words. */
    public record Loss(int count, List<String> examples) {
        public Loss {
            examples = List.copyOf(examples);
        }
    }
}
