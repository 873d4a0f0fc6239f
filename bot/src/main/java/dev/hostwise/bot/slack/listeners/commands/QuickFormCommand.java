package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.slack.RequestKeys;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.delivery.Destination;
import dev.hostwise.bot.slack.input.QuickForm;
import dev.hostwise.bot.slack.listeners.Busy;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;

/**
 * {@code /selfhost 50000/day task=classification ...}: reads and checks the line at once (a bad key or
 * value gets an ephemeral message naming it), then answers Slack and decides and posts off the
 * request thread.
 */
public final class QuickFormCommand implements SlashCommandHandler {

    private final SlackParts parts;

    public QuickFormCommand(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        QuickForm form = QuickForm.parse(p.getText());
        if (!form.ok()) {
            return ephemeral(ctx, QuickForm.usage(form.problems()));
        }
        Scenario scenario;
        try {
            scenario = parts.hostwise().reader().fromText(form.byJsonName());
        } catch (InvalidScenarioException e) {
            return ephemeral(ctx, QuickForm.usage(e.errors().stream().map(QuickForm::problem).toList()));
        }
        String key = RequestKeys.of("trigger", p.getTriggerId());
        if (!parts.keys().claim(key)) {
            return ctx.ack();
        }
        Requester who = Requester.chat(Platform.SLACK, p.getTeamId(), p.getChannelId(), p.getUserId());
        Destination to = new Destination(p.getChannelId(), p.getResponseUrl(), p.getUserId());
        if (!parts.offer(key, "the verdict for " + p.getUserId(), () -> parts.flow().decideAndDeliver(scenario, who, to))) {
            return ephemeral(ctx, Busy.TEXT);
        }
        return ctx.ack();
    }

    private static Response ephemeral(SlashCommandContext ctx, String text) {
        return ctx.ack(r -> r.responseType("ephemeral").text(text));
    }
}
