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

/** "Show the math" under a verdict: every figure and its formula, as a reply in the message's thread. */
public final class ShowTheMath implements BlockActionHandler {

    private final SlackParts parts;

    public ShowTheMath(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        String user = p.getUser() == null ? null : p.getUser().getId();
        ReplyAddress to = new ReplyAddress(Actions.channel(p), p.getResponseUrl(), user);
        Admission a = parts.conversation().showTheMath(parts.conversation().key("trigger", p.getTriggerId()),
                Actions.first(p).getValue(), to, Actions.messageTs(p));
        return a == Admission.BUSY ? Busy.unavailable() : ctx.ack();
    }
}
