package dev.hostwise.bot.slack;

import dev.hostwise.bot.Env;
import java.util.Optional;
import java.util.Set;

/**
 * Who may reload the rules from Slack ({@code HOSTWISE_ADMINS}, comma-separated Slack user IDs) and
 * where failed reloads are announced ({@code HOSTWISE_ADMIN_CHANNEL}, a channel ID).
 */
public record SlackAdmins(Set<String> users, Optional<String> channel) {

    public static final SlackAdmins NONE = new SlackAdmins(Set.of(), Optional.empty());

    public SlackAdmins {
        users = Set.copyOf(users);
    }

    public static SlackAdmins fromEnv(Env env) {
        return new SlackAdmins(env.list("HOSTWISE_ADMINS"), env.get("HOSTWISE_ADMIN_CHANNEL"));
    }

    public boolean isAdmin(String user) {
        return user != null && users.contains(user);
    }
}
