package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.uncertainty.GivenRange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scenario fields of the uncertainty analysis: ranges, volumeGrowthPerMonth and horizonMonths, as every front end reads them. */
class UncertaintyFieldsTest {

    private static final String NEEDS = "\"taskType\": \"CLASSIFICATION\", \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"";
    private final ScenarioReader reader = new ScenarioReader(Catalog.bundled());

    private Scenario json(String fields) {
        return reader.fromJson("{\"requestsPerDay\": 100000, " + fields + (fields.isEmpty() ? "" : ", ") + NEEDS + "}");
    }

    private List<FieldError> errorsOf(String fields) {
        try {
            json(fields);
        } catch (InvalidScenarioException e) {
            return e.errors();
        }
        throw new AssertionError("expected field errors for " + fields);
    }

    private Scenario text(Map<String, String> fields) {
        Map<String, String> v = new HashMap<>(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
        v.putAll(fields);
        return reader.fromText(v);
    }

    @Test
    void rangesAreReadFromJsonInFieldOrderAndWrittenBackTheSameWay() throws Exception {
        Scenario s = json("\"ranges\": {\"utilization\": [0.2, 0.5], \"requestsPerSecond\": [3, 5]}");
        assertThat(s.ranges()).containsExactly(Map.entry("requestsPerSecond", new GivenRange(3, 5)),
                Map.entry("utilization", new GivenRange(0.2, 0.5)));
        String written = new ObjectMapper().writeValueAsString(s);
        assertThat(written).contains("\"ranges\":{\"requestsPerSecond\":[3.0,5.0],\"utilization\":[0.2,0.5]}");
        // a stored scenario reads back to the same scenario
        assertThat(reader.fromJson(written)).isEqualTo(s);
    }

    @Test
    void rangesTypedAsTextUnderstandWhatEveryNumberFieldUnderstands() {
        Scenario s = text(Map.of("ranges", "utilization=20%..50%, gpuDollarsPerHour=$1..$3; requestsPerDay=80,000 to 120k"));
        assertThat(s.ranges()).containsEntry("utilization", new GivenRange(0.2, 0.5))
                .containsEntry("gpuDollarsPerHour", new GivenRange(1, 3))
                .containsEntry("requestsPerDay", new GivenRange(80_000, 120_000));
        // the JSON form works in text too (a web form, a CLI flag)
        assertThat(text(Map.of("ranges", "{\"utilization\": [0.2, 0.5]}")).ranges()).containsKey("utilization");
    }

    @Test
    void aBadKeyAReversedRangeOrAnOutOfBoundsEndIsAFieldErrorNamingTheKey() {
        assertThat(errorsOf("\"ranges\": {\"taskType\": [1, 2]}")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("ranges");
            assertThat(e.message()).startsWith("taskType cannot be given a range: the inputs that can are requestsPerDay, ")
                    .contains("utilization", "opsCostPerMonth");
        });
        assertThat(errorsOf("\"ranges\": {\"utilisation\": [0.2, 0.5]}")).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("utilisation is not a scenario field"));
        assertThat(errorsOf("\"ranges\": {\"utilization\": [0.5, 0.2]}")).singleElement().satisfies(e -> assertThat(e.message())
                .isEqualTo("utilization [0.5, 0.2] is reversed: give the low end first, e.g. [0.2, 0.5]"));
        assertThat(errorsOf("\"ranges\": {\"utilization\": [0.2, 1.5]}")).singleElement().satisfies(e -> assertThat(e.message())
                .startsWith("utilization: 1.5 is above the limit of 1: a fraction above 0 and at most 1"));
        assertThat(errorsOf("\"ranges\": {\"utilization\": 0.3}")).singleElement().satisfies(e -> assertThat(e.message())
                .startsWith("utilization must be a list of two numbers, [low, high]"));
        assertThat(errorsOf("\"ranges\": [0.2, 0.5]")).singleElement().satisfies(e -> assertThat(e.message())
                .startsWith("must be an object of [low, high] pairs by field name"));
        assertThatThrownBy(() -> text(Map.of("ranges", "utilization is low"))).isInstanceOfSatisfying(InvalidScenarioException.class,
                e -> assertThat(e.errors().get(0).message()).startsWith("'utilization is low' is not name=low..high"));
    }

    @Test
    void aRangeMustHoldTheValueTheVerdictIsPricedAt() {
        assertThat(errorsOf("\"utilization\": 0.3, \"ranges\": {\"utilization\": [0.5, 0.7]}")).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo(
                        "utilization [0.5, 0.7] leaves out the 0.3 the verdict is priced at: widen the range, or give utilization inside it"));
        assertThat(errorsOf("\"ranges\": {\"requestsPerSecond\": [10, 20]}")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("leaves out the 4 the verdict is priced at (the default)"));
        // an estimated throughput is not known before deciding: any range overrides the estimate's band
        assertThat(json("\"openModel\": \"llama-3.1-8b\", \"gpuType\": \"l40s\", \"ranges\": {\"requestsPerSecond\": [10, 20]}")
                .ranges()).containsKey("requestsPerSecond");
    }

    @Test
    void aHostedPriceRangeMustBeForThePriceThatPricesTheScenario() {
        assertThat(errorsOf("\"hostedModel\": \"gpt-4o\", \"inputTokens\": 900, \"outputTokens\": 300,"
                + " \"ranges\": {\"hostedPricePer1kTokens\": [0.001, 0.003]}")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("give ranges for hostedInputPricePer1M and hostedOutputPricePer1M"));
        assertThat(errorsOf("\"ranges\": {\"hostedOutputPricePer1M\": [1, 3]}")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("give a range for hostedPricePer1kTokens"));
    }

    @Test
    void growthTakesAFractionOrAPercentageAndAHorizonOfTwelveMonthsUnlessGiven() {
        Scenario s = json("\"volumeGrowthPerMonth\": 0.05");
        assertThat(s.volumeGrowthPerMonth()).isEqualTo(0.05);
        assertThat(s.horizonMonths()).isEqualTo(12);
        assertThat(text(Map.of("volumeGrowthPerMonth", "-10%", "horizonMonths", "6")).volumeGrowthPerMonth()).isEqualTo(-0.1);
        assertThat(json("").horizonMonths()).isNull();
        assertThat(errorsOf("\"volumeGrowthPerMonth\": -1")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("volumeGrowthPerMonth");
            assertThat(e.message()).startsWith("-1 is below the limit of -0.99: a fraction from -0.99 to 1");
        });
        assertThat(errorsOf("\"volumeGrowthPerMonth\": 1.5")).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("1.5 is above the limit of 1"));
        assertThat(errorsOf("\"horizonMonths\": 6")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("horizonMonths");
            assertThat(e.message()).startsWith("needs volumeGrowthPerMonth");
        });
        assertThat(errorsOf("\"volumeGrowthPerMonth\": 0.05, \"horizonMonths\": 121")).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("121 is above the limit of 120"));
    }
}
