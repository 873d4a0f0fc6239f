package dev.hostwise.bot.conversation;

/**
 * Where an answer should go, and the ways around it when it cannot go there. Plain strings, so a job
 * that carries it can be stored and delivered later by another process.
 *
 * @param conversation the conversation (a Slack channel) the user asked in; null when asked outside one
 * @param responseUrl  the platform's reply link for the request (Slack's and Mattermost's response_url), when there is one
 * @param user         the user who asked, for a direct message as the last resort
 */
public record ReplyAddress(String conversation, String responseUrl, String user) {
}
