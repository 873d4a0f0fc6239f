package dev.hostwise.bot.slack.delivery;

/**
 * Where a verdict should go, and the ways around it when it cannot go there.
 *
 * @param channel     the channel the user asked in; null when asked from App Home
 * @param responseUrl the slash command's or button's response_url, when there is one
 * @param user        the user who asked, for a direct message as the last resort
 */
public record Destination(String channel, String responseUrl, String user) {
}
