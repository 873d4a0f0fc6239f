package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.ReloadReport;
import dev.hostwise.bot.slack.delivery.SlackMethods;
import dev.hostwise.rules.ReloadOutcome;

/**
 * {@code /selfhost reload}: admins ({@code HOSTWISE_ADMINS}) ask for the rules to be checked and, if
 * they pass, activated. Acknowledged at once; the outcome follows through the command's response_url.
 */
public final class ReloadCommand implements SlashCommandHandler {

    private final SlackParts parts;

    public ReloadCommand(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        String user = req.getPayload().getUserId();
        if (!parts.admins().isAdmin(user)) {
            return EphemeralText.of("Only Hostwise admins can reload the rules. "
                    + "Ask one of them, or see the active revision with `/selfhost rules`.");
        }
        String responseUrl = req.getPayload().getResponseUrl();
        boolean queued = parts.conversation().queue("rules reload for " + user, () -> {
            ReloadOutcome outcome = parts.hostwise().reloader().reload("slack:" + user);
            if (responseUrl != null) {
                parts.api().respond(responseUrl, "reload " + outcome.candidate(),
                        SlackMethods.responseMessage(false, outcome.summary(), ReloadReport.blocks(outcome)));
            }
        });
        if (!queued) {
            return EphemeralText.of("I'm answering a lot of questions right now and couldn't start "
                    + "the reload. Run `/selfhost reload` again in a minute.");
        }
        return EphemeralText.of("Checking the rules: compiling them and running every policy case…");
    }
}
