package dev.hostwise.bot.slack.listeners.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.conversation.Admission;
import dev.hostwise.bot.conversation.ReplyAddress;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.listeners.Busy;

/** "Mute updates" under a verdict: the person who asked for it hears no more about its re-checks. */
public final class MuteButton implements BlockActionHandler {

    private final SlackParts parts;

    public MuteButton(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        String user = p.getUser() == null ? null : p.getUser().getId();
        // a repeat of the click (Slack retries) mutes once; the answer goes to the clicker alone
        if (!parts.conversation().keys().claim(parts.conversation().key("trigger", p.getTriggerId()))) {
            return ctx.ack();
        }
        Admission a = parts.conversation().mute(Actions.first(p).getValue(), user, new ReplyAddress(null, p.getResponseUrl(), user));
        return a == Admission.BUSY ? Busy.unavailable() : ctx.ack();
    }
}
