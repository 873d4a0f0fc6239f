package dev.hostwise.bot.slack.input;

import com.slack.api.model.view.View;
import dev.hostwise.bot.conversation.FormDefinition;
import dev.hostwise.bot.slack.blocks.SlackIds;
import dev.hostwise.bot.slack.blocks.SlackText;
import dev.hostwise.knowledge.FieldError;
import dev.hostwise.knowledge.ScenarioField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns field errors into Slack's inline modal errors ({@code response_action: errors}): each message
 * goes under the block that holds its field, in the modal's own words.
 */
public final class ModalErrors {

    /** Slack shows these under the input; a longer one is cut rather than refused. */
    private static final int MESSAGE_MAX = 300;

    private ModalErrors() {
    }

    public static Map<String, String> byBlock(List<FieldError> errors, View view) {
        Map<String, String> out = new LinkedHashMap<>();
        String fallbackBlock = ModalState.blockOf(view, ScenarioField.REQUESTS_PER_DAY)
                .orElse(SlackIds.inputBlock(ScenarioField.REQUESTS_PER_DAY));
        for (FieldError e : errors) {
            Optional<ScenarioField> field = ScenarioField.byJson(e.field());
            Optional<String> block = field.flatMap(f -> ModalState.blockOf(view, f));
            String text = field.isPresent() && block.isPresent() ? FormDefinition.errorInFormWords(field.get(), e.message())
                    : e.field() + " " + e.message();
            out.merge(block.orElse(fallbackBlock), text, (a, b) -> a + " " + b);
        }
        out.replaceAll((k, v) -> SlackText.fit(v, MESSAGE_MAX));
        return out;
    }
}
