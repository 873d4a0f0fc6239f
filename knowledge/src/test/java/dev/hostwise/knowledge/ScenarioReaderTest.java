package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostwise.knowledge.catalog.Catalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every class of bad input gets an error naming the field and what is allowed. */
class ScenarioReaderTest {

    private static final String BASE = "\"requestsPerDay\": 50000, \"taskType\": \"CLASSIFICATION\","
            + " \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"";

    private final ScenarioReader reader = new ScenarioReader(Catalog.bundled());

    private List<FieldError> errorsFor(String json) {
        return catchThrowableOfType(InvalidScenarioException.class, () -> reader.fromJson(json)).errors();
    }

    @Test
    void defaultsAreFilledIn() {
        Scenario s = reader.fromJson("{" + BASE + "}");
        assertThat(s.peakToAverage()).isEqualTo(1.0);
        assertThat(s.tokensPerRequest()).isEqualTo(1200);
        assertThat(s.hostedPricePer1kTokens()).isEqualTo(0.002);
        assertThat(s.gpuDollarsPerHour()).isEqualTo(1.20);
        assertThat(s.gpusPerReplica()).isEqualTo(1);
        assertThat(s.requestsPerSecond()).isEqualTo(4.0);
        assertThat(s.throughputMeasured()).isFalse();
        assertThat(s.utilization()).isEqualTo(0.30);
        assertThat(s.opsCostPerMonth()).isEqualTo(12000);
        assertThat(s.privacyNeed()).isEqualTo(PrivacyNeed.MUST_STAY_IN_HOUSE);
    }

    @Test
    void unknownFieldIsRejectedWithASuggestion() {
        assertThat(errorsFor("{" + BASE + ", \"requestPerDay\": 5}"))
                .containsExactly(new FieldError("requestPerDay", "is not a scenario field; did you mean requestsPerDay?"));
    }

    @Test
    void wrongTypeNamesTheFieldAndTheAllowedValues() {
        List<FieldError> errors = errorsFor("{" + BASE.replace("50000", "\"lots\"") + "}");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("requestsPerDay");
            assertThat(e.message()).contains("must be a number", "\"lots\"", "e.g. 50000");
        });
        assertThat(errorsFor("{" + BASE + ", \"throughputMeasured\": \"yes\"}"))
                .extracting(FieldError::field).containsExactly("throughputMeasured");
        assertThat(errorsFor("{" + BASE + ", \"gpusPerReplica\": 1.5}"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("whole number"));
    }

    @Test
    void negativeNumbersAreRejected() {
        assertThat(errorsFor("{" + BASE + ", \"opsCostPerMonth\": -1}")).singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("opsCostPerMonth");
                    assertThat(e.message()).contains("-1 is below the limit of 0", "0 or more");
                });
        assertThat(errorsFor("{" + BASE.replace("50000", "-50000") + "}"))
                .extracting(FieldError::field).containsExactly("requestsPerDay");
    }

    @Test
    void nonFiniteNumbersAreRejected() {
        // JSON has no NaN literal, so non-finite values arrive as text or overflow
        assertThat(errorsFor("{" + BASE + ", \"gpuDollarsPerHour\": 1e400}"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("finite"));
        List<FieldError> text = catchThrowableOfType(InvalidScenarioException.class, () -> reader.fromText(Map.of(
                "requestsPerDay", "NaN", "taskType", "rag", "qualityNeed", "good", "privacyNeed", "none"))).errors();
        assertThat(text).extracting(FieldError::field).containsExactly("requestsPerDay");
    }

    @Test
    void utilisationMustBeAboveZeroAndAtMostOne() {
        for (String bad : List.of("0", "1.2", "-0.3")) {
            assertThat(errorsFor("{" + BASE + ", \"utilization\": " + bad + "}")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.field()).isEqualTo("utilization");
                        assertThat(e.message()).contains("fraction above 0 and at most 1");
                    });
        }
        assertThat(reader.fromJson("{" + BASE + ", \"utilization\": 1}").utilization()).isEqualTo(1.0);
    }

    @Test
    void missingRequiredFieldsAreAllReported() {
        assertThat(errorsFor("{}")).extracting(FieldError::field)
                .containsExactly("requestsPerDay", "taskType", "qualityNeed", "privacyNeed");
    }

    @Test
    void badEnumListsTheChoices() {
        assertThat(errorsFor("{" + BASE.replace("CLASSIFICATION", "POETRY") + "}")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'POETRY' is not allowed", "CLASSIFICATION", "AGENTIC_TOOL_USE"));
    }

    @Test
    void unknownCatalogIdsSuggestTheNearestOne() {
        assertThat(errorsFor("{" + BASE + ", \"gpuType\": \"a100-80\"}")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("did you mean a100-80gb?"));
        assertThat(errorsFor("{" + BASE + ", \"hostedModel\": \"gpt-9\"}")).extracting(FieldError::field)
                .containsExactly("hostedModel");
    }

    @Test
    void splitFieldsGoTogether() {
        assertThat(errorsFor("{" + BASE + ", \"inputTokens\": 900}")).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("outputTokens"));
        assertThat(errorsFor("{" + BASE + ", \"hostedModel\": \"gpt-4o\"}")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("priced separately"));
    }

    @Test
    void malformedJsonIsOneClearError() {
        assertThat(errorsFor("{\"requestsPerDay\": ")).singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("scenario");
                    assertThat(e.message()).startsWith("is not valid JSON (line 1")
                            .doesNotContain("Source", "REDACTED", "StreamReadFeature");
                });
        assertThat(errorsFor("[1,2]")).extracting(FieldError::field).containsExactly("scenario");
    }

    @Test
    void textFormUnderstandsWhatPeopleType() {
        Scenario s = reader.fromText(Map.of("requestsPerDay", "50k", "utilization", "30%",
                "gpuDollarsPerHour", "$2.21", "taskType", "rag", "qualityNeed", "product",
                "privacyNeed", "in_house", "throughputMeasured", "yes", "opsCostPerMonth", "12,000"));
        assertThat(s.requestsPerDay()).isEqualTo(50_000);
        assertThat(s.utilization()).isEqualTo(0.30);
        assertThat(s.gpuDollarsPerHour()).isEqualTo(2.21);
        assertThat(s.taskType()).isEqualTo(TaskType.RAG_QA);
        assertThat(s.qualityNeed()).isEqualTo(QualityNeed.QUALITY_IS_THE_PRODUCT);
        assertThat(s.privacyNeed()).isEqualTo(PrivacyNeed.MUST_STAY_IN_HOUSE);
        assertThat(s.throughputMeasured()).isTrue();
        assertThat(s.opsCostPerMonth()).isEqualTo(12_000);
    }

    @Test
    void gpuTypeFillsThePriceUnlessOneIsTyped() {
        assertThat(reader.fromJson("{" + BASE + ", \"gpuType\": \"a100-80gb\"}").gpuDollarsPerHour()).isEqualTo(2.79);
        assertThat(reader.fromJson("{" + BASE + ", \"gpuType\": \"a100-80gb\", \"gpuDollarsPerHour\": 1.5}")
                .gpuDollarsPerHour()).isEqualTo(1.5);
    }

    @Test
    void newFieldsHaveTheirDefaults() {
        Scenario s = reader.fromJson("{" + BASE + "}");
        assertThat(s.pricingMode()).isEqualTo(PricingMode.ON_DEMAND);
        assertThat(s.minReplicas()).isEqualTo(1);
        assertThat(s.precision()).isEqualTo(Precision.FP16);
        assertThat(s.maxSecondsPerRequest()).isEqualTo(10.0);
        assertThat(s.otherCostPerMonth()).isEqualTo(0.0);
        assertThat(s.contextTokens()).isNull();
        assertThat(s.maxConcurrency()).isNull();
        assertThat(s.hourlyWeights()).isNull();
    }

    @Test
    void hourlyWeightsNeedExactly24NonNegativeNumbersNotAllZero() {
        String ok = "[1,1,1,1,1,2,4,6,8,8,8,8,8,8,8,8,6,4,3,2,2,1,1,1]";
        Scenario s = reader.fromJson("{" + BASE + ", \"hourlyWeights\": " + ok + "}");
        assertThat(s.hourlyWeights()).hasSize(24);
        // the busiest hour (8) over the average (101 / 24)
        assertThat(s.peakToAverage()).isCloseTo(8 / (101 / 24.0), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(errorsFor("{" + BASE + ", \"hourlyWeights\": [1,2,3]}")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("hourlyWeights");
            assertThat(e.message()).contains("has 3 numbers", "exactly 24");
        });
        assertThat(errorsFor("{" + BASE + ", \"hourlyWeights\": " + ok.replace("[1,", "[-1,") + "}")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("hour 0 is -1", "0 or more"));
        assertThat(errorsFor("{" + BASE + ", \"hourlyWeights\": [" + "0,".repeat(23) + "0]}")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("all zeros"));
        assertThat(errorsFor("{" + BASE + ", \"hourlyWeights\": \"flat\"}")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("must be a list of numbers"));
    }

    @Test
    void hourlyWeightsInTextAreCommaSeparatedAndSetThePeakRatio() {
        Scenario s = reader.fromText(Map.of("requestsPerDay", "50k", "taskType", "rag", "qualityNeed", "good",
                "privacyNeed", "none", "hourlyWeights", "0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0"));
        assertThat(s.peakToAverage()).isEqualTo(2.0);
        List<FieldError> errors = catchThrowableOfType(InvalidScenarioException.class, () -> reader.fromText(Map.of(
                "requestsPerDay", "50k", "taskType", "rag", "qualityNeed", "good", "privacyNeed", "none",
                "hourlyWeights", "1,1,lots,1"))).errors();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.message()).contains("hour 2 is 'lots'"));
    }

    @Test
    void aTypedPeakRatioMustAgreeWithTheHourlyWeights() {
        String flat = "[" + "1,".repeat(23) + "1]";
        assertThat(reader.fromJson("{" + BASE + ", \"peakToAverage\": 1, \"hourlyWeights\": " + flat + "}")
                .peakToAverage()).isEqualTo(1.0);
        assertThat(errorsFor("{" + BASE + ", \"peakToAverage\": 3, \"hourlyWeights\": " + flat + "}")).singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("peakToAverage");
                    assertThat(e.message()).contains("hourlyWeights give 1");
                });
    }

    @Test
    void pricingModeAndPrecisionAreClosedSets() {
        assertThat(reader.fromText(Map.of("requestsPerDay", "1", "taskType", "rag", "qualityNeed", "good",
                "privacyNeed", "none", "pricingMode", "autoscale", "precision", "gptq")))
                .satisfies(s -> {
                    assertThat(s.pricingMode()).isEqualTo(PricingMode.AUTOSCALED);
                    assertThat(s.precision()).isEqualTo(Precision.INT4);
                });
        assertThat(errorsFor("{" + BASE + ", \"pricingMode\": \"SPOT\"}")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'SPOT' is not allowed", "ON_DEMAND", "RESERVED", "AUTOSCALED"));
        assertThat(errorsFor("{" + BASE + ", \"precision\": \"FP3\"}")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("FP16", "BF16", "FP8", "INT8", "INT4", "FP4", "MXFP4"));
        // BF16 is its own name now, not an alias of FP16: both size and run the same
        assertThat(reader.fromText(Map.of("requestsPerDay", "1", "taskType", "rag", "qualityNeed", "good",
                "privacyNeed", "none", "precision", "bf16")).precision()).isEqualTo(Precision.BF16);
    }

    @Test
    void reservedPricingTakesTheCatalogsReservedRateWhenThereIsOne() {
        assertThat(reader.fromJson("{" + BASE + ", \"gpuType\": \"a100-40gb\", \"pricingMode\": \"RESERVED\"}")
                .gpuDollarsPerHour()).isEqualTo(1.84);
        // no reserved price for an A10G in the catalog: the on-demand rate stands (the verdict says so)
        assertThat(reader.fromJson("{" + BASE + ", \"gpuType\": \"a10g\", \"pricingMode\": \"RESERVED\"}")
                .gpuDollarsPerHour()).isEqualTo(1.006);
        assertThat(reader.fromJson("{" + BASE + ", \"gpuType\": \"a100-40gb\"}").gpuDollarsPerHour()).isEqualTo(2.74);
    }

    @Test
    void otherNewFieldsAreRangeChecked() {
        assertThat(errorsFor("{" + BASE + ", \"minReplicas\": 0}")).extracting(FieldError::field).containsExactly("minReplicas");
        assertThat(errorsFor("{" + BASE + ", \"otherCostPerMonth\": -5}")).extracting(FieldError::field)
                .containsExactly("otherCostPerMonth");
        assertThat(errorsFor("{" + BASE + ", \"maxSecondsPerRequest\": 0}")).extracting(FieldError::field)
                .containsExactly("maxSecondsPerRequest");
        assertThat(errorsFor("{" + BASE + ", \"maxConcurrency\": 2.5}")).extracting(FieldError::field)
                .containsExactly("maxConcurrency");
        assertThat(errorsFor("{" + BASE + ", \"inputTokens\": 900, \"outputTokens\": 300, \"contextTokens\": 1000}"))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("contextTokens");
                    assertThat(e.message()).contains("1000 is less than the 1200 tokens");
                });
    }
}
