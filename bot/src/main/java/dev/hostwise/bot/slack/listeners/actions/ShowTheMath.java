package dev.hostwise.bot.slack.listeners.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.MathThread;
import dev.hostwise.bot.slack.delivery.Destination;
import dev.hostwise.rules.Verdict;
import java.util.Optional;

/** "Show the math" under a verdict: every figure and its formula, as a reply in the message's thread. */
public final class ShowTheMath implements BlockActionHandler {

    private final SlackParts parts;
    private final MathThread math = new MathThread();

    public ShowTheMath(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        if (!parts.keys().claim("trigger:" + p.getTriggerId())) {
            return ctx.ack();
        }
        String id = Actions.first(p).getValue();
        String user = p.getUser() == null ? null : p.getUser().getId();
        Destination to = new Destination(Actions.channel(p), p.getResponseUrl(), user);
        String threadTs = Actions.messageTs(p);
        parts.work().offer("the math of " + id, () -> {
            Optional<Verdict> verdict = parts.recent().find(id);
            if (verdict.isPresent()) {
                parts.delivery().replyInThread(to, threadTs, id, math.text(verdict.get()), math.blocks(verdict.get()));
            } else {
                parts.delivery().tell(to, id, "I no longer have the figures of " + id + ": it was decided before I last "
                        + "restarted. Press *Adjust inputs* and *Decide* for a fresh verdict with its math.");
            }
        });
        return ctx.ack();
    }
}
