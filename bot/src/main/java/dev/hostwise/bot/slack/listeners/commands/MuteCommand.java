package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.conversation.Admission;
import dev.hostwise.bot.conversation.Ask;
import dev.hostwise.bot.conversation.ReplyAddress;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.listeners.Busy;
import java.util.Optional;

/**
 * {@code /selfhost mute HW-2026-0042}: the person who asked for a verdict asks to hear no more about its
 * re-checks. The conversation core checks who asked and answers through the command's response_url.
 */
public final class MuteCommand implements SlashCommandHandler {

    private final SlackParts parts;

    public MuteCommand(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        Optional<String> id = Ask.read(SlashText.of(req)) instanceof Ask.Mute mute ? mute.verdictId() : Optional.empty();
        if (id.isEmpty()) {
            return EphemeralText.of("Give the verdict's ID, e.g. `/selfhost mute HW-2026-0042`.");
        }
        if (parts.conversation().mute(id.get(), p.getUserId(), new ReplyAddress(null, p.getResponseUrl(), p.getUserId()))
                == Admission.BUSY) {
            return EphemeralText.of(Busy.TEXT);
        }
        return ctx.ack();
    }
}
