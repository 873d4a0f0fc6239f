package dev.hostwise.bot.slack.listeners.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.conversation.AdjustValue;
import dev.hostwise.bot.conversation.Conversation;
import dev.hostwise.bot.conversation.ReplyAddress;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.slack.listeners.Busy;
import dev.hostwise.bot.slack.listeners.FormOpening;

/** "Adjust inputs" under a verdict: reopens the modal filled in with that verdict's scenario. */
public final class AdjustInputs implements BlockActionHandler {

    private final SlackParts parts;

    public AdjustInputs(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        String channel = Actions.channel(p);
        String user = p.getUser() == null ? null : p.getUser().getId();
        String value = Actions.first(p).getValue();
        ModalMetadata meta = new ModalMetadata(channel, p.getResponseUrl(), 0);
        String subject = AdjustValue.parse(value).map(AdjustValue::verdictId).orElse("the scenario form");
        if (FormOpening.open(parts, p.getTriggerId(), Conversation.valuesToAdjust(value), meta, subject)
                instanceof FormOpening.Outcome.Failed failed) {
            ReplyAddress to = new ReplyAddress(channel, p.getResponseUrl(), user);
            if (!parts.conversation().tellLater("telling " + user + " the form did not open", to, "the scenario form",
                    "I couldn't open the form (" + failed.problem() + "). Press *Adjust inputs* again in a moment.")) {
                return Busy.unavailable();
            }
        }
        return ctx.ack();
    }
}
