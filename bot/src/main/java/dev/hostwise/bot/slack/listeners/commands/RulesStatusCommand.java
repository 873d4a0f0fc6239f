package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.ReloadReport;

/** {@code /selfhost rules}: the active rules revision, the last failed reload, and every rule with its reason. */
public final class RulesStatusCommand implements SlashCommandHandler {

    private final SlackParts parts;

    public RulesStatusCommand(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        var active = parts.hostwise().decider().activePolicy();
        return ctx.ack(r -> r.responseType("ephemeral").text("Rules revision " + active.revision())
                .blocks(ReloadReport.status(active, parts.hostwise().reloader())));
    }
}
