package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostwise.knowledge.catalog.Catalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scenario reader is exactly as strict as documented: one JSON object, each key once, nothing after
 * it; enum names in ASCII only; a bounded answer however many mistakes the input makes; and token
 * counts that cannot wrap round.
 */
class StrictInputTest {

    private static final String BASE = "\"requestsPerDay\": 50000, \"taskType\": \"CLASSIFICATION\","
            + " \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"";

    private final ScenarioReader reader = new ScenarioReader(Catalog.bundled());

    private List<FieldError> errorsFor(String json) {
        return catchThrowableOfType(InvalidScenarioException.class, () -> reader.fromJson(json)).errors();
    }

    @Test
    void trailingGarbageAndASecondObjectAreRefused() {
        assertThat(reader.fromJson("{" + BASE + "}\n  ").requestsPerDay()).isEqualTo(50000);
        assertThat(errorsFor("{" + BASE + "} trailing")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("scenario");
            assertThat(e.message()).startsWith("is not valid JSON");
        });
        assertThat(errorsFor("{" + BASE + "}{" + BASE + "}")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("scenario");
            assertThat(e.message()).contains("line 1, column", "there is more after the first value; send one JSON object");
        });
        assertThat(errorsFor("{" + BASE + "} 42")).extracting(FieldError::field).containsExactly("scenario");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorOnThatKey() {
        // the last one used to win silently: {"requestsPerDay": 1, ..., "requestsPerDay": 1e9}
        assertThat(errorsFor("{" + BASE + ", \"requestsPerDay\": 1000000000}")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("requestsPerDay");
            assertThat(e.message()).startsWith("is given twice (line 1, column").contains("give each field once");
        });
        // nested too: a duplicate inside a value is still a duplicate
        assertThat(errorsFor("{" + BASE + ", \"x\": {\"a\": 1, \"a\": 2}}")).extracting(FieldError::field).containsExactly("a");
    }

    @Test
    void enumNamesAreAsciiSoHomoglyphsDoNotUpperCaseIntoThem() {
        // 'ı'.toUpperCase() is 'I' and 'ſ'.toUpperCase() is 'S': both used to read as CLASSIFICATION
        for (String homoglyph : List.of("claſſification", "classıfıcatıon", "CLASSİFİCATİON")) {
            assertThat(errorsFor("{" + BASE.replace("CLASSIFICATION", homoglyph) + "}")).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("taskType");
                assertThat(e.message()).contains("is not allowed (names are plain ASCII letters)");
            });
        }
        Map<String, String> typed = new HashMap<>(Map.of("requestsPerDay", "50000", "taskType", "claſſification",
                "qualityNeed", "good", "privacyNeed", "ın_house"));
        assertThat(catchThrowableOfType(InvalidScenarioException.class, () -> reader.fromText(typed)).errors())
                .extracting(FieldError::field).containsExactly("taskType", "privacyNeed");
        // the Kelvin sign lower-cases to k: a catalog id is ASCII, so it is not one
        assertThat(reader.fromJson("{" + BASE + ", \"gpuType\": \"L4\"}").gpuType()).isEqualTo("l4");
        assertThat(errorsFor("{" + BASE + ", \"gpuType\": \"h100-80gb\", \"openModel\": \"llama-3.1-8\u212Ab\"}"))
                .extracting(FieldError::field).containsExactly("openModel");
        // plain ASCII in any case still works
        assertThat(reader.fromJson("{" + BASE.replace("CLASSIFICATION", "classification") + "}").taskType())
                .isEqualTo(TaskType.CLASSIFICATION);
    }

    @Test
    void twentyThreeThousandUnknownKeysGetTwentyErrorsAndACountNotElevenMegabytes() {
        StringBuilder body = new StringBuilder("{" + BASE);
        for (int i = 0; i < 23_000; i++) {
            body.append(", \"k").append(i).append("\": ").append(i);
        }
        String json = body.append('}').toString();
        assertThat(json.length()).isGreaterThan(250_000);
        List<FieldError> errors = errorsFor(json);
        assertThat(errors).hasSize(ScenarioReader.MAX_ERRORS + 1);
        assertThat(errors.get(ScenarioReader.MAX_ERRORS)).isEqualTo(new FieldError("scenario",
                "has 22,980 more keys that are not scenario fields (not listed)"));
        int size = errors.stream().mapToInt(e -> e.field().length() + e.message().length()).sum();
        assertThat(size).as("the whole error list, in characters").isLessThan(12_000);
    }

    @Test
    void manyBadValuesAreCappedAtTwentyAndCounted() {
        StringBuilder body = new StringBuilder("{");
        for (ScenarioField f : ScenarioField.values()) {
            body.append('"').append(f.json()).append("\": {\"no\": true}, ");
        }
        for (int i = 0; i < 10; i++) {
            body.append("\"unknown").append(i).append("\": 1, ");
        }
        String json = body.append("\"last\": 0}").toString();
        List<FieldError> errors = errorsFor(json);
        assertThat(errors).hasSize(ScenarioReader.MAX_ERRORS + 1);
        assertThat(errors.get(ScenarioReader.MAX_ERRORS).message()).matches("and \\d+ more errors \\(not listed\\): fix these and send it again");
    }

    @Test
    void aHugeValueOrKeyIsEchoedShort() {
        String huge = "x".repeat(40_000);
        List<FieldError> errors = errorsFor("{" + BASE.replace("\"MUST_STAY_IN_HOUSE\"", "\"" + huge + "\"") + ", \"" + huge + "\": 1}");
        assertThat(errors).hasSize(2);
        assertThat(errors).allSatisfy(e -> assertThat(e.field().length() + e.message().length()).isLessThan(700));
        assertThat(errors.get(0).field()).startsWith("xxxx").endsWith("… (40000 characters)");
        assertThat(errors.get(1).message()).contains("'xxxx", "… (40000 characters)' is not allowed");
        // a key past Jackson's own limit on names is a parse error, just as short
        assertThat(errorsFor("{\"" + "y".repeat(200_000) + "\": 1}")).singleElement()
                .satisfies(e -> assertThat(e.message().length()).isLessThan(300));
    }

    @Test
    void tokenCountsNearTwoToTheThirtyNoLongerWrapIntoANegativeHostedBill() {
        // read as typed: a field error naming the bound
        List<FieldError> errors = errorsFor("{" + BASE + ", \"inputTokens\": 1073741824, \"outputTokens\": 1073741824}");
        assertThat(errors).extracting(FieldError::field).containsExactly("inputTokens", "outputTokens");
        assertThat(errors.get(0).message()).startsWith("1073741824 is above the limit of 5,000,000");
        // as a scenario read back from a store written before the bounds: priced in 64 bits, positive and exact
        Scenario ok = reader.fromJson("{" + BASE + ", \"inputTokens\": 900, \"outputTokens\": 300}");
        Scenario old = new Scenario(ok.requestsPerDay(), ok.peakToAverage(), null, ok.tokensPerRequest(), 1 << 30, 1 << 30,
                null, ok.hostedPricePer1kTokens(), null, null, null, ok.gpuDollarsPerHour(), ok.gpusPerReplica(), null,
                ok.pricingMode(), ok.minReplicas(), null, ok.precision(), ok.requestsPerSecond(), false,
                ok.maxSecondsPerRequest(), null, ok.utilization(), ok.opsCostPerMonth(), ok.otherCostPerMonth(),
                ok.taskType(), ok.qualityNeed(), ok.privacyNeed(), null, null, null, null, null);
        assertThat(old.effectiveTokensPerRequest()).isEqualTo(2_147_483_648L);
        Figures f = new CostModel().price(old);
        // 2^31 tokens at $0.002 per 1k, 50,000 times a day
        assertThat(f.hostedPerRequest()).isCloseTo(4_294.967296, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(f.hostedPerDay()).isCloseTo(214_748_364.8, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(Workload.of(old).requestTokens()).isEqualTo(2_147_483_648L);
        assertThat(Workload.of(old).contextTokens()).isEqualTo(Integer.MAX_VALUE);
    }
}
