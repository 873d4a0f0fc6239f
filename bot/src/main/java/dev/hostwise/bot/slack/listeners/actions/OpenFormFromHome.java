package dev.hostwise.bot.slack.listeners.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.conversation.ReplyAddress;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.slack.listeners.Busy;
import dev.hostwise.bot.slack.listeners.FormOpening;

/** The App Home button: opens the modal; with no channel to post in, the verdict comes as a direct message. */
public final class OpenFormFromHome implements BlockActionHandler {

    private final SlackParts parts;

    public OpenFormFromHome(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        if (FormOpening.open(parts, p.getTriggerId(), FormValues.defaults(), ModalMetadata.none(), "the scenario form")
                instanceof FormOpening.Outcome.Failed failed) {
            String user = p.getUser() == null ? null : p.getUser().getId();
            if (!parts.conversation().tellLater("telling " + user + " the form did not open", new ReplyAddress(null, null, user),
                    "the scenario form", "I couldn't open the form (" + failed.problem() + "). Press *Decide a scenario* again in a moment.")) {
                return Busy.unavailable();
            }
        }
        return ctx.ack();
    }
}
