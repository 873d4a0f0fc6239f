package dev.hostwise.bot.slack.listeners.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.listeners.Busy;
import dev.hostwise.bot.slack.listeners.FormOpening;
import dev.hostwise.bot.slack.blocks.AdjustValue;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.slack.blocks.ModalValues;
import dev.hostwise.bot.slack.delivery.Destination;
import java.util.Optional;

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
        Optional<AdjustValue> value = AdjustValue.parse(Actions.first(p).getValue());
        ModalValues values = value.map(v -> ModalValues.of(v.scenario())).orElseGet(ModalValues::defaults);
        ModalMetadata meta = new ModalMetadata(channel, p.getResponseUrl(), 0);
        if (FormOpening.open(parts, p.getTriggerId(), values, meta, value.map(AdjustValue::verdictId).orElse("the scenario form"))
                instanceof FormOpening.Outcome.Failed failed) {
            Destination to = new Destination(channel, p.getResponseUrl(), user);
            if (!parts.work().offer("telling " + user + " the form did not open", () -> parts.delivery().tell(to, "the scenario form",
                    "I couldn't open the form (" + failed.problem() + "). Press *Adjust inputs* again in a moment."))) {
                return Busy.unavailable();
            }
        }
        return ctx.ack();
    }
}
