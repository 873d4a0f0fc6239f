package dev.hostwise.knowledge.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hostwise.knowledge.CostModel;
import dev.hostwise.knowledge.Estimate;
import dev.hostwise.knowledge.Figures;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.ThroughputEstimator;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.GpuPrice;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Where each uncertain input's range comes from: the estimate's band, the catalog's providers, growth, or the user. */
class UncertainInputsTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private static final ScenarioReader READER = new ScenarioReader(CATALOG);
    private static final String NEEDS = "\"taskType\": \"CLASSIFICATION\", \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"";

    private static Map<String, InputRange> rangesOf(String json) {
        Scenario s = READER.fromJson("{" + json + ", " + NEEDS + "}");
        Estimate e = new ThroughputEstimator(CATALOG).estimateFor(s).orElse(null);
        Figures f = new CostModel().price(s, e);
        return UncertainInputs.derive(s, f, CATALOG).stream().collect(Collectors.toMap(InputRange::input, Function.identity()));
    }

    @Test
    void aGuessedThroughputIsHalfAgainEitherWayAndAMeasuredOneATenth() {
        InputRange guessed = rangesOf("\"requestsPerDay\": 100000").get("requestsPerSecond");
        assertThat(guessed.low()).isEqualTo(2.0);
        assertThat(guessed.high()).isEqualTo(6.0);
        assertThat(guessed.spread()).isEqualTo(InputRange.Spread.TRIANGULAR);
        assertThat(guessed.basis()).contains("a guess");
        InputRange measured = rangesOf("\"requestsPerDay\": 100000, \"requestsPerSecond\": 5, \"throughputMeasured\": true")
                .get("requestsPerSecond");
        assertThat(measured.low()).isCloseTo(4.5, within(1e-12));
        assertThat(measured.high()).isCloseTo(5.5, within(1e-12));
        assertThat(measured.basis()).startsWith("measured");
    }

    @Test
    void anEstimatedThroughputTakesTheEstimatesOwnErrorBand() {
        String json = "\"requestsPerDay\": 1000000, \"openModel\": \"llama-3.3-70b\", \"gpuType\": \"h100-80gb\", \"precision\": \"FP8\","
                + " \"inputTokens\": 900, \"outputTokens\": 300";
        Scenario s = READER.fromJson("{" + json + ", " + NEEDS + "}");
        Estimate e = new ThroughputEstimator(CATALOG).estimateFor(s).orElseThrow();
        InputRange r = rangesOf(json).get("requestsPerSecond");
        double band = e.errorBand().percent() / 100.0;
        assertThat(r.value()).isEqualTo(e.requestsPerSecond());
        assertThat(r.low()).isCloseTo(e.requestsPerSecond() * (1 - band), within(1e-9));
        assertThat(r.high()).isCloseTo(e.requestsPerSecond() * (1 + band), within(1e-9));
        assertThat(r.basis()).isEqualTo("the estimate's error band: " + e.errorBand().describe());
    }

    @Test
    void aCatalogGpuPriceRangesFromTheCheapestToTheDearestProviderListed() {
        Gpu h100 = CATALOG.gpu("h100-80gb").orElseThrow();
        List<GpuPrice> onDemand = h100.prices().stream().filter(p -> p.pricingType().equals("on-demand")).toList();
        assertThat(onDemand.stream().mapToDouble(GpuPrice::usdPerGpuHour).distinct().count())
                .as("the catalog lists several on-demand prices for the H100").isGreaterThan(1);
        InputRange r = rangesOf("\"requestsPerDay\": 1000000, \"gpuType\": \"h100-80gb\", \"requestsPerSecond\": 10").get("gpuDollarsPerHour");
        assertThat(r.value()).isEqualTo(h100.defaultOnDemand().orElseThrow().usdPerGpuHour());
        assertThat(r.low()).isEqualTo(onDemand.stream().mapToDouble(GpuPrice::usdPerGpuHour).min().orElseThrow());
        assertThat(r.high()).isEqualTo(onDemand.stream().mapToDouble(GpuPrice::usdPerGpuHour).max().orElseThrow());
        assertThat(r.basis()).startsWith("the catalog's on-demand prices for " + h100.name());
        // a price the user typed is theirs: the default band, not the providers'
        InputRange typed = rangesOf("\"requestsPerDay\": 1000000, \"gpuType\": \"h100-80gb\", \"gpuDollarsPerHour\": 2.0,"
                + " \"requestsPerSecond\": 10").get("gpuDollarsPerHour");
        assertThat(typed.low()).isCloseTo(1.6, within(1e-12));
        assertThat(typed.high()).isCloseTo(2.4, within(1e-12));
    }

    @Test
    void splitHostedPricesEachGetABandAndTheBlendedOneDoesWhenNotSplit() {
        Map<String, InputRange> split = rangesOf("\"requestsPerDay\": 100000, \"hostedModel\": \"gpt-4o\", \"inputTokens\": 900,"
                + " \"outputTokens\": 300");
        assertThat(split).containsKeys("hostedInputPricePer1M", "hostedOutputPricePer1M").doesNotContainKey("hostedPricePer1kTokens");
        InputRange out = split.get("hostedOutputPricePer1M");
        assertThat(out.low()).isCloseTo(out.value() * 0.9, within(1e-12));
        assertThat(rangesOf("\"requestsPerDay\": 100000")).containsKey("hostedPricePer1kTokens");
    }

    @Test
    void growthOverTheHorizonSpansTodaysVolumeToTheHorizonsLogUniformly() {
        InputRange v = rangesOf("\"requestsPerDay\": 100000, \"volumeGrowthPerMonth\": 0.05").get("requestsPerDay");
        assertThat(v.spread()).isEqualTo(InputRange.Spread.LOG_UNIFORM);
        assertThat(v.low()).isEqualTo(100_000);
        assertThat(v.high()).isCloseTo(100_000 * Math.pow(1.05, 12), within(1e-6));
        assertThat(v.basis()).contains("+5% a month over 12 months", "179,586");
        // a decline runs the other way
        InputRange down = rangesOf("\"requestsPerDay\": 100000, \"volumeGrowthPerMonth\": -0.1, \"horizonMonths\": 6")
                .get("requestsPerDay");
        assertThat(down.high()).isEqualTo(100_000);
        assertThat(down.low()).isCloseTo(100_000 * Math.pow(0.9, 6), within(1e-6));
        // no growth, no volume range: today's volume is what the team measured
        assertThat(rangesOf("\"requestsPerDay\": 100000")).doesNotContainKey("requestsPerDay");
    }

    @Test
    void givenRangesReplaceTheDerivedOnesAndAreUniform() {
        Map<String, InputRange> r = rangesOf("\"requestsPerDay\": 100000, \"ranges\": {\"utilization\": [0.2, 0.5],"
                + " \"opsCostPerMonth\": [8000, 20000]}");
        assertThat(r.get("utilization").spread()).isEqualTo(InputRange.Spread.UNIFORM);
        assertThat(r.get("utilization").low()).isEqualTo(0.2);
        assertThat(r.get("utilization").high()).isEqualTo(0.5);
        assertThat(r.get("utilization").basis()).startsWith("given in ranges");
        assertThat(r.get("opsCostPerMonth").value()).isEqualTo(12_000);
    }

    @Test
    void utilisationIsAGuessUnlessTheFleetAutoscales() {
        InputRange u = rangesOf("\"requestsPerDay\": 100000, \"utilization\": 0.8").get("utilization");
        assertThat(u.low()).isCloseTo(0.4, within(1e-12));
        assertThat(u.high()).isEqualTo(1.0);
        assertThat(rangesOf("\"requestsPerDay\": 100000, \"pricingMode\": \"AUTOSCALED\"")).doesNotContainKey("utilization");
    }

    @Test
    void rangesComeInScenarioFieldOrder() {
        List<String> order = CostInputs.names();
        List<InputRange> ranges = UncertainInputs.derive(READER.fromJson("{\"requestsPerDay\": 100000, \"volumeGrowthPerMonth\": 0.02, "
                + "\"ranges\": {\"otherCostPerMonth\": [0, 500]}, " + NEEDS + "}"), new CostModel().price(
                READER.fromJson("{\"requestsPerDay\": 100000, " + NEEDS + "}")), CATALOG);
        assertThat(ranges).extracting(InputRange::input).isSortedAccordingTo(
                java.util.Comparator.comparingInt(order::indexOf));
    }
}
