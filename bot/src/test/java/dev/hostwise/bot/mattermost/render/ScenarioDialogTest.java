package dev.hostwise.bot.mattermost.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.ScenarioField;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dialog is drawn from the field metadata within every limit Mattermost's {@code DialogElement.IsValid}
 * sets, for every field, whatever the values shown; the checks iterate the metadata, never a list of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioDialogTest {

    private Hostwise hostwise;

    @BeforeAll
    void start() {
        hostwise = Hostwise.start(new Env(Map.of()), Optional.empty(), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        hostwise.close();
    }

    @Test
    void everyFieldIsAnElementWithinMattermostsLimitsEvenWithOverlongValues() {
        FormValues huge = FormValues.defaults();
        for (ScenarioField f : ScenarioField.values()) {
            huge = huge.with(f, "9".repeat(5000));
        }
        for (FormValues values : List.of(FormValues.defaults(), huge)) {
            Map<String, Object> dialog = new ScenarioDialog(hostwise.catalog()).dialog(values, false, "state");
            assertThat(ScenarioDialog.bytes((String) dialog.get("title"))).isLessThanOrEqualTo(ScenarioDialog.TITLE_MAX);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> elements = (List<Map<String, Object>>) dialog.get("elements");
            assertThat(elements).extracting(e -> e.get("name")).containsExactlyElementsOf(
                    FieldMetadata.ALL.stream().filter(FieldMetadata::inChatForms).map(m -> m.field().json()).toList());
            for (Map<String, Object> e : elements) {
                String type = (String) e.get("type");
                int textMax = switch (type) {
                    case "text" -> ScenarioDialog.TEXT_MAX;
                    case "textarea" -> ScenarioDialog.TEXTAREA_MAX;
                    case "select" -> ScenarioDialog.SELECT_MAX;
                    default -> ScenarioDialog.BOOL_MAX;
                };
                assertThat(ScenarioDialog.bytes((String) e.get("display_name"))).as("display_name of " + e.get("name"))
                        .isBetween(1, ScenarioDialog.DISPLAY_NAME_MAX);
                assertThat(ScenarioDialog.bytes((String) e.get("name"))).isLessThanOrEqualTo(ScenarioDialog.NAME_MAX);
                assertThat(ScenarioDialog.bytes((String) e.get("help_text"))).as("help_text of " + e.get("name"))
                        .isLessThanOrEqualTo(ScenarioDialog.HELP_MAX);
                assertThat(ScenarioDialog.bytes((String) e.getOrDefault("placeholder", ""))).isLessThanOrEqualTo(textMax);
                assertThat(ScenarioDialog.bytes((String) e.getOrDefault("default", ""))).isLessThanOrEqualTo(textMax);
                if (type.equals("select") && e.containsKey("default")) {
                    @SuppressWarnings("unchecked")
                    List<Map<String, String>> options = (List<Map<String, String>>) e.get("options");
                    assertThat(options).extracting(o -> o.get("value")).contains((String) e.get("default"));
                }
            }
        }
    }

    @Test
    void longLabelsAreShortenedAtANaturalBreakAndCutWordsEndWithAnEllipsis() {
        assertThat(ScenarioDialog.displayName("Requests per day")).isEqualTo("Requests per day");
        assertThat(ScenarioDialog.displayName("Hosted input price, $ per 1M tokens")).isEqualTo("Hosted input price");
        assertThat(ScenarioDialog.displayName("Traffic by hour (24 weights)")).isEqualTo("Traffic by hour");
        assertThat(ScenarioDialog.displayName("Output tokens per request")).isEqualTo("Output tokens");
        assertThat(ScenarioDialog.displayName("Extraordinarily long single field label")).isEqualTo("Extraordinarily long…");
        // bytes, as Go counts: "Ünïcödé ünïcödé" is 23 bytes, so with the 3-byte ellipsis only one word fits in 24
        assertThat(ScenarioDialog.fit("Ünïcödé ünïcödé ünïcödé ünïcödé", 24)).isEqualTo("Ünïcödé…");
    }
}
