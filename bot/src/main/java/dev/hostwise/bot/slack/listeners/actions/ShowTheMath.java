package dev.hostwise.bot.slack.listeners.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.slack.RequestKeys;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.MathThread;
import dev.hostwise.bot.slack.delivery.Destination;
import dev.hostwise.bot.slack.listeners.Busy;
import dev.hostwise.rules.Verdict;
import java.util.Optional;

/** "Show the math" under a verdict: every figure and its formula, as a reply in the message's thread. */
public final class ShowTheMath implements BlockActionHandler {

    private final SlackParts parts;
    private final MathThread math = new MathThread();

    public ShowTheMath(SlackParts parts) {
        this.parts = parts;
    }

    private Optional<Verdict> stored(String id) {
        try {
            return parts.hostwise().store().byId(id).map(dev.hostwise.bot.store.StoredVerdict::verdict);
        } catch (dev.hostwise.bot.store.StoreUnavailableException e) {
            return Optional.empty();
        }
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        String key = RequestKeys.of("trigger", p.getTriggerId());
        if (!parts.keys().claim(key)) {
            return ctx.ack();
        }
        String id = Actions.first(p).getValue();
        String user = p.getUser() == null ? null : p.getUser().getId();
        Destination to = new Destination(Actions.channel(p), p.getResponseUrl(), user);
        String threadTs = Actions.messageTs(p);
        boolean queued = parts.offer(key, "the math of " + id, () -> {
            // recent verdicts are in memory; older ones come from the verdict store
            Optional<Verdict> verdict = parts.recent().find(id).or(() -> stored(id));
            if (verdict.isPresent()) {
                parts.delivery().replyInThread(to, threadTs, id, math.text(verdict.get()), math.blocks(verdict.get()));
            } else {
                parts.delivery().tell(to, id, "I can't find the figures of " + id + " right now (it was not saved, or the "
                        + "verdict store is unavailable). Press *Adjust inputs* and *Decide* for a fresh verdict with its math.");
            }
        });
        return queued ? ctx.ack() : Busy.unavailable();
    }
}
