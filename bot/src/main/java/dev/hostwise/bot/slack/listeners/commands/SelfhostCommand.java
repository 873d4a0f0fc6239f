package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /selfhost}: no text opens the form; a known first word runs that subcommand ({@code help});
 * anything else is the one-line form. New subcommands are one more entry in the map.
 */
public final class SelfhostCommand implements SlashCommandHandler {

    private final SlashCommandHandler openForm;
    private final SlashCommandHandler quickForm;
    private final Map<String, SlashCommandHandler> subcommands;

    public SelfhostCommand(SlashCommandHandler openForm, SlashCommandHandler quickForm, Map<String, SlashCommandHandler> subcommands) {
        this.openForm = openForm;
        this.quickForm = quickForm;
        this.subcommands = Map.copyOf(subcommands);
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) throws IOException, SlackApiException {
        String text = req.getPayload().getText() == null ? "" : req.getPayload().getText().trim();
        if (text.isEmpty()) {
            return openForm.apply(req, ctx);
        }
        int space = 0;
        while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
            space++;
        }
        String first = text.substring(0, space).toLowerCase(Locale.ROOT);
        return subcommands.getOrDefault(first, quickForm).apply(req, ctx);
    }
}
