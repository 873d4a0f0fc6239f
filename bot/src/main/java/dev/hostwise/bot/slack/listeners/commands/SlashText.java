package dev.hostwise.bot.slack.listeners.commands;

import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import dev.hostwise.bot.slack.blocks.SlackText;

/** The text after {@code /selfhost} as the user typed it: Slack sends {@code &}, {@code <} and {@code >} escaped. */
final class SlashText {

    private SlashText() {
    }

    static String of(SlashCommandRequest req) {
        String text = req.getPayload().getText();
        return text == null ? "" : SlackText.unescape(text);
    }
}
