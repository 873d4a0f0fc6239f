package dev.hostwise.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.hostwise.knowledge.uncertainty.GivenRange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The question, with every default filled in. Its JSON form is a public contract (CLI, API, stored
 * verdicts, policy cases). Build one with {@link ScenarioReader}, which validates; this record only
 * holds values that already passed.
 *
 * <p>Optional values are boxed and null when absent. {@code requestsPerSecond} is null only when
 * Hostwise is to estimate it (an open model and a GPU named, or a configuration to search, and no
 * figure given); otherwise it holds the figure given, or the 4.0 default.
 *
 * <p><b>A configuration search</b> ({@code gpuType: "auto"}) is stored as asked: {@code gpuType} is
 * {@code "auto"}, and {@code gpusPerReplica}, {@code gpuDollarsPerHour} and (unless it was given)
 * {@code precision} are null, because the search chooses them. Deciding it again searches again, on the
 * catalog of that day. The configuration chosen is in the verdict's {@code figures.configurationSearch};
 * {@link #withConfiguration} gives the scenario it was priced as.
 *
 * <p><b>How sure</b>: {@code volumeGrowthPerMonth} and {@code horizonMonths} (null unless growth is
 * given) say how the volume may move, and {@code ranges} (null when none) overrides the ranges the
 * uncertainty analysis derives, by field name. They change no figure of the verdict, only its
 * {@code probabilities}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "requestsPerDay", "peakToAverage", "hourlyWeights", "tokensPerRequest", "inputTokens", "outputTokens",
    "contextTokens", "hostedPricePer1kTokens", "hostedInputPricePer1M", "hostedOutputPricePer1M", "hostedModel",
    "gpuDollarsPerHour", "gpusPerReplica", "gpuType", "pricingMode", "minReplicas", "openModel", "precision",
    "requestsPerSecond", "throughputMeasured", "maxSecondsPerRequest", "maxConcurrency", "utilization",
    "opsCostPerMonth", "otherCostPerMonth", "taskType", "qualityNeed", "privacyNeed", "qualityEvalScore", "qualityBar",
    "volumeGrowthPerMonth", "horizonMonths", "ranges"})
public record Scenario(
        double requestsPerDay,
        double peakToAverage,
        List<Double> hourlyWeights,
        int tokensPerRequest,
        Integer inputTokens,
        Integer outputTokens,
        Integer contextTokens,
        double hostedPricePer1kTokens,
        Double hostedInputPricePer1M,
        Double hostedOutputPricePer1M,
        String hostedModel,
        Double gpuDollarsPerHour,
        Integer gpusPerReplica,
        String gpuType,
        PricingMode pricingMode,
        int minReplicas,
        String openModel,
        Precision precision,
        Double requestsPerSecond,
        boolean throughputMeasured,
        double maxSecondsPerRequest,
        Integer maxConcurrency,
        double utilization,
        double opsCostPerMonth,
        double otherCostPerMonth,
        TaskType taskType,
        QualityNeed qualityNeed,
        PrivacyNeed privacyNeed,
        Double qualityEvalScore,
        Double qualityBar,
        Double volumeGrowthPerMonth,
        Integer horizonMonths,
        Map<String, GivenRange> ranges) {

    /** The gpuType that asks Hostwise to search every catalog GPU for the cheapest configuration. */
    public static final String AUTO = "auto";

    public Scenario {
        hourlyWeights = hourlyWeights == null ? null : List.copyOf(hourlyWeights);
        // in the order given (the reader puts them in field order); absent rather than empty
        ranges = ranges == null || ranges.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
    }

    /** True when the scenario asks for a configuration search: gpuType {@code auto}. */
    @JsonIgnore
    public boolean searchesConfiguration() {
        return AUTO.equals(gpuType);
    }

    /** The scenario priced as a configuration the search chose: a GPU type, a count, a precision and its price. */
    public Scenario withConfiguration(String chosenGpuType, int gpus, Precision chosenPrecision, double dollarsPerHour) {
        return new Scenario(requestsPerDay, peakToAverage, hourlyWeights, tokensPerRequest, inputTokens, outputTokens,
                contextTokens, hostedPricePer1kTokens, hostedInputPricePer1M, hostedOutputPricePer1M, hostedModel,
                dollarsPerHour, gpus, chosenGpuType, pricingMode, minReplicas, openModel, chosenPrecision,
                requestsPerSecond, throughputMeasured, maxSecondsPerRequest, maxConcurrency, utilization,
                opsCostPerMonth, otherCostPerMonth, taskType, qualityNeed, privacyNeed, qualityEvalScore, qualityBar,
                volumeGrowthPerMonth, horizonMonths, ranges);
    }

    /**
     * True when the team gave its own evaluation: a pass rate and the bar it must reach (the reader
     * takes both or neither). QUALITY is then decided on them rather than on the catalog's judgement.
     */
    @JsonIgnore
    public boolean qualityMeasured() {
        return qualityEvalScore != null && qualityBar != null;
    }

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

    /**
     * Tokens per request actually priced: the split when given, else {@code tokensPerRequest}. Added in
     * 64 bits: two counts near 2³⁰ each once summed to a negative number, and the hosted API "cost"
     * -$1,073,741,824.00 a day. The reader bounds each count far lower; a scenario read back from an
     * older store is priced right all the same.
     */
    @JsonIgnore
    public long effectiveTokensPerRequest() {
        return hasTokenSplit() ? (long) inputTokens + outputTokens : tokensPerRequest;
    }

    /** True when Hostwise must estimate the throughput: no figure was given, and a model and GPU (or a search) were named. */
    @JsonIgnore
    public boolean throughputToEstimate() {
        return requestsPerSecond == null;
    }

    /** A copy with a different daily volume. */
    public Scenario withRequestsPerDay(double volume) {
        return new Scenario(volume, peakToAverage, hourlyWeights, tokensPerRequest, inputTokens, outputTokens,
                contextTokens, hostedPricePer1kTokens, hostedInputPricePer1M, hostedOutputPricePer1M, hostedModel,
                gpuDollarsPerHour, gpusPerReplica, gpuType, pricingMode, minReplicas, openModel, precision,
                requestsPerSecond, throughputMeasured, maxSecondsPerRequest, maxConcurrency, utilization,
                opsCostPerMonth, otherCostPerMonth, taskType, qualityNeed, privacyNeed, qualityEvalScore, qualityBar,
                volumeGrowthPerMonth, horizonMonths, ranges);
    }

    /** A copy without ops and other fixed costs: the GPU-only line of the break-even chart. */
    public Scenario withoutFixedCosts() {
        return new Scenario(requestsPerDay, peakToAverage, hourlyWeights, tokensPerRequest, inputTokens, outputTokens,
                contextTokens, hostedPricePer1kTokens, hostedInputPricePer1M, hostedOutputPricePer1M, hostedModel,
                gpuDollarsPerHour, gpusPerReplica, gpuType, pricingMode, minReplicas, openModel, precision,
                requestsPerSecond, throughputMeasured, maxSecondsPerRequest, maxConcurrency, utilization,
                0, 0, taskType, qualityNeed, privacyNeed, qualityEvalScore, qualityBar, volumeGrowthPerMonth, horizonMonths, ranges);
    }
}
