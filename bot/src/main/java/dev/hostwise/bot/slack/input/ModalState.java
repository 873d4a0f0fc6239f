package dev.hostwise.bot.slack.input;

import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.slack.blocks.SlackIds;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.ScenarioField;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what a user entered in the scenario modal, and finds the block that holds each field. */
public final class ModalState {

    private ModalState() {
    }

    /** The submitted values, one text per field; unknown blocks are ignored. */
    public static FormValues values(View view) {
        Map<ScenarioField, String> out = new EnumMap<>(ScenarioField.class);
        ViewState state = view.getState();
        if (state == null || state.getValues() == null) {
            return new FormValues(out);
        }
        state.getValues().forEach((blockId, actions) -> SlackIds.fieldOf(blockId).ifPresent(field -> {
            if (actions != null) {
                actions.values().stream().findFirst().flatMap(v -> text(field, v)).ifPresent(t -> out.put(field, t));
            }
        }));
        return new FormValues(out);
    }

    private static Optional<String> text(ScenarioField field, ViewState.Value v) {
        if (FieldMetadata.of(field).widget() == FieldMetadata.Widget.CHECKBOX) {
            // an unticked checkbox is an answer too: false (for the throughput: not load-tested)
            List<ViewState.SelectedOption> ticked = v.getSelectedOptions();
            return Optional.of(String.valueOf(ticked != null
                    && ticked.stream().anyMatch(o -> SlackIds.MEASURED_OPTION.equals(o.getValue()))));
        }
        if (v.getSelectedOption() != null) {
            return Optional.ofNullable(v.getSelectedOption().getValue());
        }
        return Optional.ofNullable(v.getValue());
    }

    /** The block ID that holds a field in this view, or empty when the view has no such block. */
    public static Optional<String> blockOf(View view, ScenarioField field) {
        List<LayoutBlock> blocks = view.getBlocks();
        if (blocks != null) {
            for (LayoutBlock b : blocks) {
                if (b instanceof InputBlock in && SlackIds.fieldOf(in.getBlockId()).filter(field::equals).isPresent()) {
                    return Optional.of(in.getBlockId());
                }
            }
        }
        if (view.getState() != null && view.getState().getValues() != null) {
            return view.getState().getValues().keySet().stream()
                    .filter(id -> SlackIds.fieldOf(id).filter(field::equals).isPresent())
                    .findFirst();
        }
        return Optional.empty();
    }
}
