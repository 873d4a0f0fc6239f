package dev.hostwise.bot.slack;

import dev.hostwise.bot.Env;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
        Set<String> users = env.get("HOSTWISE_ADMINS")
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(u -> !u.isEmpty()).collect(Collectors.toSet()))
                .orElse(Set.of());
        return new SlackAdmins(users, env.get("HOSTWISE_ADMIN_CHANNEL"));
    }

    public boolean isAdmin(String user) {
        return user != null && users.contains(user);
    }
}
