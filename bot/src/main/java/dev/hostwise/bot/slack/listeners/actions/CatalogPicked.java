package dev.hostwise.bot.slack.listeners.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.hostwise.bot.conversation.CatalogFill;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.slack.blocks.SlackIds;
import dev.hostwise.bot.slack.delivery.SlackMethods;
import dev.hostwise.bot.slack.input.ModalState;
import dev.hostwise.bot.slack.listeners.Busy;
import dev.hostwise.knowledge.ScenarioField;

/**
 * A hosted model or GPU was picked in the modal: fill in its catalog prices with a views.update that
 * keeps everything else the user typed.
 */
public final class CatalogPicked implements BlockActionHandler {

    private final SlackParts parts;

    public CatalogPicked(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        View view = p.getView();
        BlockActionPayload.Action action = Actions.first(p);
        ScenarioField field = SlackIds.fieldOf(action.getBlockId()).orElse(null);
        if (view == null || field == null || action.getSelectedOption() == null) {
            return ctx.ack();
        }
        String picked = action.getSelectedOption().getValue();
        boolean queued = parts.conversation().queue("filling in the prices of " + picked, () -> {
            CatalogFill fill = CatalogFill.apply(ModalState.values(view), field, picked, parts.hostwise().catalog());
            if (fill.filled().isEmpty()) {
                return;
            }
            ModalMetadata meta = ModalMetadata.parse(view.getPrivateMetadata()).nextRevision();
            View updated = parts.modal().build(fill.values(), meta, fill.filled());
            // the hash makes Slack refuse this update if the user changed the form meanwhile
            parts.api().call("views.update", "the scenario form", SlackMethods.viewsUpdate(view.getId(), view.getHash(), updated));
        });
        return queued ? ctx.ack() : Busy.unavailable();
    }
}
