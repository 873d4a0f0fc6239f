package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.conversation.Admission;
import dev.hostwise.bot.conversation.Conversation;
import dev.hostwise.bot.conversation.ReplyAddress;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.SlackText;
import dev.hostwise.bot.slack.listeners.Busy;

/**
 * {@code /selfhost 50000/day task=classification ...}: the line is read and checked at once (a bad key
 * or value gets an ephemeral message naming it), then Slack is answered and the verdict is decided and
 * posted off the request thread.
 */
public final class QuickFormCommand implements SlashCommandHandler {

    private final SlackParts parts;

    public QuickFormCommand(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        Conversation.QuickAnswer answer = parts.conversation().readQuickForm(SlashText.of(req));
        if (answer instanceof Conversation.QuickAnswer.NotUnderstood no) {
            return ephemeral(no.reply());
        }
        Conversation.QuickAnswer.Understood yes = (Conversation.QuickAnswer.Understood) answer;
        Requester who = Requester.chat(Platform.SLACK, p.getTeamId(), p.getChannelId(), p.getUserId());
        Admission a = parts.conversation().decide(parts.conversation().key("trigger", p.getTriggerId()), yes.scenario(), who,
                new ReplyAddress(p.getChannelId(), p.getResponseUrl(), p.getUserId()));
        return a == Admission.BUSY ? ephemeral(Busy.TEXT) : ctx.ack();
    }

    /**
     * The reply repeats the user's own words (a bad key, a bad value): escaped for mrkdwn, so
     * {@code <!channel>} typed into the command shows as text and notifies nobody, and capped.
     */
    private static Response ephemeral(String text) {
        String safe = SlackText.fit(SlackText.escape(text), SlackText.SECTION_MAX);
        return EphemeralText.of(safe);
    }
}
