package dev.hostwise.bot.mattermost.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostwise.bot.conversation.FormDefinition;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.knowledge.FieldError;
import dev.hostwise.knowledge.ScenarioField;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dialog submission in the core's terms, and field errors back in Mattermost's. The submission's
 * {@code submission} maps element names (the scenario's JSON names) to values; the webapp sends a number
 * field as a JSON number when it parses and a checkbox as a JSON boolean, so every JSON kind is read back to
 * the text a person would have typed. Errors go back as {@code {"errors": {"<name>": "<message>"}}}, shown
 * under each element while the dialog stays open with what was entered, and {@code {"error": "..."}} for
 * what belongs to no element (server/public/model/integration_action.go: {@code SubmitDialogResponse}).
 */
public final class DialogSubmission {

    private DialogSubmission() {
    }

    /** The values submitted, one text per scenario field; names the form does not have are ignored. */
    public static FormValues values(JsonNode submission) {
        Map<ScenarioField, String> out = new EnumMap<>(ScenarioField.class);
        if (submission != null && submission.isObject()) {
            submission.fields().forEachRemaining(e -> ScenarioField.byJson(e.getKey()).ifPresent(f -> {
                JsonNode v = e.getValue();
                if (v == null || v.isNull() || v.isContainerNode()) {
                    return;
                }
                out.put(f, v.isIntegralNumber() ? v.asText() : v.isNumber() ? FormValues.show(v.doubleValue()) : v.asText());
            }));
        }
        return new FormValues(out);
    }

    /** A refusal naming each bad field in the form's words, under its element; others in the dialog's general error. */
    public static Map<String, Object> errors(List<FieldError> errors) {
        Map<String, String> byElement = new LinkedHashMap<>();
        StringBuilder general = new StringBuilder();
        for (FieldError e : errors) {
            var field = ScenarioField.byJson(e.field());
            if (field.isPresent()) {
                byElement.merge(e.field(), FormDefinition.errorInFormWords(field.get(), e.message()), (a, b) -> a + " " + b);
            } else {
                general.append(general.isEmpty() ? "" : " ").append(e.field()).append(' ').append(e.message());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (!byElement.isEmpty()) {
            body.put("errors", byElement);
        }
        if (!general.isEmpty()) {
            body.put("error", general.toString());
        }
        return body;
    }
}
