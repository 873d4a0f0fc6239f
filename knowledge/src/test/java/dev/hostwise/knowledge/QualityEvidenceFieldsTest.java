package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostwise.knowledge.catalog.Catalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** qualityEvalScore and qualityBar: pass rates from 0 to 1, both or neither, for a named open model. */
class QualityEvidenceFieldsTest {

    private final ScenarioReader reader = new ScenarioReader(Catalog.bundled());

    private Scenario read(String... pairs) {
        Map<String, String> m = new HashMap<>(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE", "openModel", "llama-3.3-70b", "requestsPerSecond", "4"));
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return reader.fromText(m);
    }

    private List<FieldError> errors(String... pairs) {
        return catchThrowableOfType(InvalidScenarioException.class, () -> read(pairs)).errors();
    }

    @Test
    void bothTogetherAreAMeasuredQualityAndPercentagesWorkInText() {
        Scenario s = read("qualityEvalScore", "91%", "qualityBar", "0.85");
        assertThat(s.qualityEvalScore()).isEqualTo(0.91);
        assertThat(s.qualityBar()).isEqualTo(0.85);
        assertThat(s.qualityMeasured()).isTrue();
        // zero and one are pass rates too
        assertThat(read("qualityEvalScore", "0", "qualityBar", "1").qualityMeasured()).isTrue();
        assertThat(read().qualityMeasured()).isFalse();
    }

    @Test
    void oneWithoutTheOtherIsAFieldErrorNamingTheMissingOne() {
        assertThat(errors("qualityEvalScore", "0.9")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("qualityBar");
            assertThat(e.message()).startsWith("is needed too when qualityEvalScore is given (they go together)");
        });
        assertThat(errors("qualityBar", "0.9")).extracting(FieldError::field).containsExactly("qualityEvalScore");
    }

    @Test
    void aPassRateOutsideZeroToOneIsNamedWithItsBound() {
        assertThat(errors("qualityEvalScore", "1.2", "qualityBar", "0.9")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("qualityEvalScore");
            assertThat(e.message()).startsWith("1.2 is above the limit of 1: a pass rate from 0 to 1");
        });
        assertThat(errors("qualityEvalScore", "0.9", "qualityBar", "-0.1")).extracting(FieldError::field).containsExactly("qualityBar");
        assertThat(errors("qualityEvalScore", "high", "qualityBar", "0.9")).singleElement().extracting(FieldError::message)
                .asString().startsWith("'high' is not a number");
    }

    @Test
    void aScoreIsSomeModelsSoTheModelMustBeNamed() {
        Map<String, String> m = new HashMap<>(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE", "qualityEvalScore", "0.9", "qualityBar", "0.8"));
        List<FieldError> errors = catchThrowableOfType(InvalidScenarioException.class, () -> reader.fromText(m)).errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("openModel");
            assertThat(e.message()).startsWith("is needed when qualityEvalScore is given");
        });
    }

    @Test
    void jsonTakesThemAsNumbersAndWritesThemBack() throws Exception {
        Scenario s = reader.fromJson("{\"requestsPerDay\": 100000, \"taskType\": \"CLASSIFICATION\", \"qualityNeed\": \"GOOD_ENOUGH\","
                + " \"privacyNeed\": \"NONE\", \"openModel\": \"llama-3.3-70b\", \"requestsPerSecond\": 4, \"qualityEvalScore\": 0.91,"
                + " \"qualityBar\": 0.85}");
        String written = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        assertThat(written).contains("\"qualityEvalScore\":0.91,\"qualityBar\":0.85");
        assertThat(reader.fromJson(written)).isEqualTo(s);
        assertThat(catchThrowableOfType(InvalidScenarioException.class, () -> reader.fromJson("{\"requestsPerDay\": 1,"
                + " \"taskType\": \"CLASSIFICATION\", \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"NONE\", \"openModel\":"
                + " \"llama-3.3-70b\", \"qualityEvalScore\": \"0.9\", \"qualityBar\": 0.8}")).errors())
                .extracting(FieldError::field).containsExactly("qualityEvalScore");
    }
}
