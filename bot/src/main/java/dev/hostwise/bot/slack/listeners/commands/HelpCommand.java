package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.slack.blocks.HelpMessage;

/** {@code /selfhost help}: the policy and every input, only to the user who asked. */
public final class HelpCommand implements SlashCommandHandler {

    private final Hostwise hostwise;
    private final HelpMessage help = new HelpMessage();

    public HelpCommand(Hostwise hostwise) {
        this.hostwise = hostwise;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        var policy = hostwise.decider().activePolicy();
        return ctx.ack(r -> r.responseType("ephemeral")
                .text("How Hostwise decides, and every input of /selfhost")
                .blocks(help.blocks(policy.revision(), policy.conditions())));
    }
}
