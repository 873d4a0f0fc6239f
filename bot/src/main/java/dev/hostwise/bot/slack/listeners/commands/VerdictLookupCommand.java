package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.VerdictMessage;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.bot.store.StoredVerdict;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /selfhost verdict HW-2026-0042}: a cited verdict, shown to the member who asked (only
 * members of the workspace can run the command; outside Slack, the page needs its link token).
 */
public final class VerdictLookupCommand implements SlashCommandHandler {

    private final SlackParts parts;
    private final VerdictMessage message;

    public VerdictLookupCommand(SlackParts parts) {
        this.parts = parts;
        this.message = new VerdictMessage(parts.pageBaseUrl());
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        String[] words = req.getPayload().getText().trim().split("\\s+");
        if (words.length < 2 || !words[1].toUpperCase(Locale.ROOT).matches("HW-\\d{4}-\\d{4,}")) {
            return ctx.ack(r -> r.responseType("ephemeral").text("Give the verdict's ID, e.g. `/selfhost verdict HW-2026-0042`."));
        }
        String id = words[1].toUpperCase(Locale.ROOT);
        Optional<StoredVerdict> found;
        try {
            found = parts.hostwise().store().byId(id);
        } catch (StoreUnavailableException e) {
            return ctx.ack(r -> r.responseType("ephemeral").text("The verdict store is unavailable right now (" + e.getMessage()
                    + "); try again shortly."));
        }
        if (found.isEmpty()) {
            return ctx.ack(r -> r.responseType("ephemeral").text("There is no verdict " + id + ". IDs look like HW-2026-0042."));
        }
        StoredVerdict v = found.get();
        RecordedVerdict recorded = new RecordedVerdict(v.verdict(), Optional.of(v.linkToken()), Optional.empty());
        return ctx.ack(r -> r.responseType("ephemeral").text(message.text(v.verdict()))
                .blocks(message.blocks(recorded, v.requester(), Optional.empty())));
    }
}
