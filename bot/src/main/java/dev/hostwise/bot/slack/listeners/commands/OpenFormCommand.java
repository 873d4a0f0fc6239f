package dev.hostwise.bot.slack.listeners.commands;

import com.google.gson.JsonObject;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.delivery.SlackMethods;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.slack.blocks.ModalValues;
import dev.hostwise.bot.slack.delivery.ApiResult;
import java.util.Set;

/**
 * {@code /selfhost} alone: opens the scenario modal straight away, before anything else, because the
 * trigger_id it needs expires three seconds after the user pressed Enter.
 */
public final class OpenFormCommand implements SlashCommandHandler {

    private final SlackParts parts;

    public OpenFormCommand(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        String key = "trigger:" + p.getTriggerId();
        if (!parts.keys().claim(key)) {
            return ctx.ack();
        }
        ModalMetadata meta = new ModalMetadata(p.getChannelId(), p.getResponseUrl(), 0);
        ApiResult<JsonObject> opened = parts.api().callWithin("views.open", "the scenario form", parts.triggerBudget(),
                SlackMethods.viewsOpen(p.getTriggerId(), parts.modal().build(ModalValues.defaults(), meta, Set.of())));
        if (opened.ok()) {
            return ctx.ack();
        }
        parts.keys().release(key);
        return ctx.ack(r -> r.responseType("ephemeral").text("I couldn't open the form (" + opened.problem() + "). "
                + "Run `/selfhost` again, or decide in one line: `/selfhost 50000/day task=classification "
                + "quality=good_enough privacy=in_house` (`/selfhost help` lists every key)."));
    }
}
