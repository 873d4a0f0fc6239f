package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import dev.hostwise.bot.conversation.Ask;
import java.io.IOException;
import java.util.Map;

/**
 * {@code /selfhost}: the conversation core reads what was asked ({@link Ask}: the form, the one-line
 * form, help, a verdict, the rules, a reload), and the handler for that kind answers. A new kind of
 * ask is one more entry in the map.
 */
public final class SelfhostCommand implements SlashCommandHandler {

    private final Map<Class<? extends Ask>, SlashCommandHandler> handlers;

    public SelfhostCommand(Map<Class<? extends Ask>, SlashCommandHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) throws IOException, SlackApiException {
        Ask ask = Ask.read(SlashText.of(req));
        return handlers.get(ask.getClass()).apply(req, ctx);
    }
}
