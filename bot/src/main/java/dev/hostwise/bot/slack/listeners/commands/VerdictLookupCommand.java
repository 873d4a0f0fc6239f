package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.VerdictIds;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.VerdictMessage;
import dev.hostwise.bot.slack.delivery.Destination;
import dev.hostwise.bot.slack.delivery.SlackMethods;
import dev.hostwise.bot.slack.listeners.Busy;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.bot.store.StoredVerdict;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /selfhost verdict HW-2026-0042}: a cited verdict, shown to the member who asked (only
 * members of the workspace can run the command; outside Slack, the page needs its link token).
 * The ID is checked at once; the store is asked off the request thread, and the answer comes
 * through the command's response_url.
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
        SlashCommandPayload p = req.getPayload();
        String[] words = p.getText().trim().split("\\s+");
        String id = words.length < 2 ? null : words[1].toUpperCase(Locale.ROOT);
        if (!VerdictIds.isCitable(id)) {
            return ctx.ack(r -> r.responseType("ephemeral").text("Give the verdict's ID, e.g. `/selfhost verdict HW-2026-0042`."));
        }
        Destination to = new Destination(null, p.getResponseUrl(), p.getUserId());
        if (!parts.work().offer("looking up " + id + " for " + p.getUserId(), () -> show(id, to))) {
            return ctx.ack(r -> r.responseType("ephemeral").text(Busy.TEXT));
        }
        return ctx.ack();
    }

    private void show(String id, Destination to) {
        Optional<StoredVerdict> found;
        try {
            found = parts.hostwise().store().byId(id);
        } catch (StoreUnavailableException e) {
            parts.delivery().tell(to, id, "The verdict store is unavailable right now (" + e.getMessage() + "); try again shortly.");
            return;
        }
        if (found.isEmpty()) {
            parts.delivery().tell(to, id, "There is no verdict " + id + ". IDs look like HW-2026-0042.");
            return;
        }
        StoredVerdict v = found.get();
        RecordedVerdict recorded = new RecordedVerdict(v.verdict(), Optional.of(v.linkToken()), Optional.empty());
        String text = message.text(v.verdict());
        if (to.responseUrl() == null) {
            parts.delivery().tell(to, id, text); // a slash command always has a response_url; just in case, a direct message
            return;
        }
        // WebApi logs it when the reply does not get through
        parts.api().respond(to.responseUrl(), id, SlackMethods.responseMessage(false, text,
                message.blocks(recorded, v.requester(), Optional.empty())));
    }
}
