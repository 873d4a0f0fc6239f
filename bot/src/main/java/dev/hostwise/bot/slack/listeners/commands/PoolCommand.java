package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.conversation.Admission;
import dev.hostwise.bot.conversation.ReplyAddress;
import dev.hostwise.bot.pool.PoolText;
import dev.hostwise.bot.pool.Pools;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.listeners.Busy;

/**
 * {@code /selfhost pool}: admins ({@code HOSTWISE_ADMINS}; it shows other teams' volumes) see the teams
 * whose pooled demand would clear the break-even together. Found and decided off the request thread; the
 * answer comes through the command's response_url, to the admin alone.
 */
public final class PoolCommand implements SlashCommandHandler {

    private final SlackParts parts;

    public PoolCommand(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        if (!parts.admins().isAdmin(p.getUserId())) {
            return EphemeralText.of("Only Hostwise admins can look for pools: they show other teams' "
                    + "volumes and costs. Ask one of them.");
        }
        Requester who = Requester.chat(Platform.SLACK, p.getTeamId(), p.getChannelId(), p.getUserId());
        Admission a = parts.conversation().pool(new ReplyAddress(null, p.getResponseUrl(), p.getUserId()),
                () -> PoolText.render(new Pools(parts.hostwise(), parts.hostwise().watchWindow()).find(who), parts.pageBaseUrl()));
        if (a == Admission.BUSY) {
            return EphemeralText.of(Busy.TEXT);
        }
        return EphemeralText.of("Looking for teams whose demand would clear the break-even together…");
    }
}
