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
 * {@code /selfhost verdict HW-2026-0042}: a cited verdict, shown to the member who asked (only
 * members of the workspace can run the command; outside Slack, the page needs its link token).
 * The ID is checked at once; the store is asked off the request thread, and the answer comes
 * through the command's response_url.
 */
public final class VerdictLookupCommand implements SlashCommandHandler {

    private final SlackParts parts;

    public VerdictLookupCommand(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        Optional<String> id = Ask.read(SlashText.of(req)) instanceof Ask.Lookup lookup ? lookup.verdictId() : Optional.empty();
        if (id.isEmpty()) {
            return EphemeralText.of("Give the verdict's ID, e.g. `/selfhost verdict HW-2026-0042`.");
        }
        if (parts.conversation().lookUp(id.get(), new ReplyAddress(null, p.getResponseUrl(), p.getUserId())) == Admission.BUSY) {
            return EphemeralText.of(Busy.TEXT);
        }
        return ctx.ack();
    }
}
