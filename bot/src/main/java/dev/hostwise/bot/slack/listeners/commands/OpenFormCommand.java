package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.slack.listeners.FormOpening;

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
        ModalMetadata meta = new ModalMetadata(p.getChannelId(), p.getResponseUrl(), 0);
        if (FormOpening.open(parts, p.getTriggerId(), FormValues.defaults(), meta, "the scenario form")
                instanceof FormOpening.Outcome.Failed failed) {
            return EphemeralText.of("I couldn't open the form (" + failed.problem() + "). "
                    + "Run `/selfhost` again, or decide in one line: `/selfhost 50000/day task=classification "
                    + "quality=good_enough privacy=in_house` (`/selfhost help` lists every key).");
        }
        return ctx.ack();
    }
}
