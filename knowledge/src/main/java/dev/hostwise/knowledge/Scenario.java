package dev.hostwise.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The question, with every default filled in. Its JSON form is a public contract (CLI, API, stored
 * verdicts, policy cases). Build one with {@link ScenarioReader}, which validates; this record only
 * holds values that already passed.
 *
 * <p>Optional values are boxed and null when absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "requestsPerDay", "peakToAverage", "tokensPerRequest", "inputTokens", "outputTokens",
    "hostedPricePer1kTokens", "hostedInputPricePer1M", "hostedOutputPricePer1M", "hostedModel",
    "gpuDollarsPerHour", "gpusPerReplica", "gpuType", "openModel", "requestsPerSecond",
    "throughputMeasured", "utilization", "opsCostPerMonth", "taskType", "qualityNeed", "privacyNeed"})
public record Scenario(
        double requestsPerDay,
        double peakToAverage,
        int tokensPerRequest,
        Integer inputTokens,
        Integer outputTokens,
        double hostedPricePer1kTokens,
        Double hostedInputPricePer1M,
        Double hostedOutputPricePer1M,
        String hostedModel,
        double gpuDollarsPerHour,
        int gpusPerReplica,
        String gpuType,
        String openModel,
        double requestsPerSecond,
        boolean throughputMeasured,
        double utilization,
        double opsCostPerMonth,
        TaskType taskType,
        QualityNeed qualityNeed,
        PrivacyNeed privacyNeed) {

    /** True when input and output tokens are given separately (they then replace {@code tokensPerRequest}). */
    @JsonIgnore
    public boolean hasTokenSplit() {
        return inputTokens != null && outputTokens != null;
    }

    /** True when input and output are priced separately. */
    @JsonIgnore
    public boolean hasPriceSplit() {
        return hostedInputPricePer1M != null && hostedOutputPricePer1M != null;
    }

    /** Tokens per request actually priced: the split when given, else {@code tokensPerRequest}. */
    @JsonIgnore
    public int effectiveTokensPerRequest() {
        return hasTokenSplit() ? inputTokens + outputTokens : tokensPerRequest;
    }

    /** A copy with a different daily volume; used for break-even searches and sensitivity. */
    public Scenario withRequestsPerDay(double volume) {
        return new Scenario(volume, peakToAverage, tokensPerRequest, inputTokens, outputTokens,
                hostedPricePer1kTokens, hostedInputPricePer1M, hostedOutputPricePer1M, hostedModel,
                gpuDollarsPerHour, gpusPerReplica, gpuType, openModel, requestsPerSecond,
                throughputMeasured, utilization, opsCostPerMonth, taskType, qualityNeed, privacyNeed);
    }
}
