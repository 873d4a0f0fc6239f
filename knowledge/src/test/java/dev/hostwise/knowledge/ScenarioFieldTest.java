package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Error messages name fields by their JSON names; each front end rewords them in its own terms. */
class ScenarioFieldTest {

    @Test
    void fieldNamesInATextAreRenamedAsWholeWordsOnly() {
        String message = "is needed too when inputTokens is given; inputTokensTotal and xinputTokens are not fields.";
        assertThat(ScenarioField.renameInText(message, f -> "<" + f.flag() + ">"))
                .isEqualTo("is needed too when <--input-tokens> is given; inputTokensTotal and xinputTokens are not fields.");
    }

    @Test
    void aFieldWithoutANameInTheFrontEndsTermsIsLeftAsItIs() {
        assertThat(ScenarioField.renameInText("hourlyWeights replaces peakToAverage",
                f -> f == ScenarioField.PEAK_TO_AVERAGE ? "peak" : null))
                .isEqualTo("hourlyWeights replaces peak");
        assertThat(ScenarioField.renameInText("", f -> "x")).isEmpty();
        assertThat(ScenarioField.renameInText("(utilization)", f -> "util")).isEqualTo("(util)");
    }

    @Test
    void everyFieldIsFoundByItsJsonName() {
        for (ScenarioField f : ScenarioField.values()) {
            assertThat(ScenarioField.byJson(f.json())).contains(f);
        }
        assertThat(ScenarioField.byJson("requestsPerDya")).isEmpty();
    }
}
