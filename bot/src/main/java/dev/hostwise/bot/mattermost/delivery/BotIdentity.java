package dev.hostwise.bot.mattermost.delivery;

/**
 * The bot's own account, as {@code GET /api/v4/users/me} returns it with the bot's token (api/v4/source/users.yaml;
 * a User's {@code id} and {@code username}).
 */
public record BotIdentity(String userId, String userName) {
}
