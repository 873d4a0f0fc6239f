package dev.hostwise.bot.mattermost;

import dev.hostwise.bot.Env;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Mattermost surface's configuration from the environment: {@code MATTERMOST_URL} (the server),
 * {@code MATTERMOST_BOT_TOKEN} (a bot account's access token, sent as {@code Authorization: Bearer}) and
 * {@code MATTERMOST_COMMAND_TOKEN} (the token of each team's {@code /selfhost} slash command, comma-separated:
 * Mattermost gives every custom command its own). With none of them set there is no Mattermost surface.
 * Tokens never appear in {@link #toString()} or in any message.
 *
 * @param serverUrl     the Mattermost server's base URL, without a trailing slash
 * @param botToken      the bot account's access token
 * @param commandTokens every slash command token accepted
 * @param callbackUrl   where Mattermost reaches Hostwise ({@code HOSTWISE_BASE_URL}): the dialog and button callbacks start with it
 * @param admins        user IDs allowed to run {@code /selfhost reload} ({@code HOSTWISE_ADMINS}, shared with Slack)
 */
public record MattermostSettings(String serverUrl, String botToken, Set<String> commandTokens, String callbackUrl,
                                 Set<String> admins) {

    public static final List<String> VARIABLES = List.of("MATTERMOST_URL", "MATTERMOST_BOT_TOKEN", "MATTERMOST_COMMAND_TOKEN");

    public MattermostSettings {
        commandTokens = Set.copyOf(commandTokens);
        admins = Set.copyOf(admins);
    }

    /**
     * The settings, or empty when no Mattermost variable is set.
     *
     * @param callbackUrl where Mattermost reaches this server: {@code HOSTWISE_BASE_URL}, or {@code http://localhost:PORT}
     * @throws IllegalArgumentException naming the variable to fix, when the settings are incomplete or malformed
     */
    public static Optional<MattermostSettings> fromEnv(Env env, String callbackUrl) {
        if (VARIABLES.stream().allMatch(v -> env.get(v).isEmpty())) {
            return Optional.empty();
        }
        String url = env.get("MATTERMOST_URL").orElseThrow(() -> missing("MATTERMOST_URL",
                "set it to the Mattermost server's address, e.g. https://chat.example.com"));
        String bot = env.get("MATTERMOST_BOT_TOKEN").orElseThrow(() -> missing("MATTERMOST_BOT_TOKEN",
                "create a bot account (System Console > Integrations > Bot Accounts) and copy its access token"));
        Set<String> commands = env.list("MATTERMOST_COMMAND_TOKEN");
        if (commands.isEmpty()) {
            throw missing("MATTERMOST_COMMAND_TOKEN", "copy the token Mattermost shows for the /selfhost slash command "
                    + "(Integrations > Slash Commands); several teams' tokens may be given, comma-separated");
        }
        return Optional.of(new MattermostSettings(serverUrl(url), bot, commands, callbackUrl.replaceAll("/+$", ""),
                env.list("HOSTWISE_ADMINS")));
    }

    private static IllegalArgumentException missing(String variable, String fix) {
        return new IllegalArgumentException("a Mattermost variable is set but " + variable + " is not: " + fix
                + " (all of " + String.join(", ", VARIABLES) + " are needed)");
    }

    private static String serverUrl(String raw) {
        String scheme;
        try {
            scheme = URI.create(raw).getScheme();
        } catch (IllegalArgumentException e) {
            scheme = null;
        }
        if (scheme == null || !(scheme.toLowerCase(Locale.ROOT).equals("https") || scheme.toLowerCase(Locale.ROOT).equals("http"))) {
            throw new IllegalArgumentException("MATTERMOST_URL '" + raw + "' is not an http(s) URL; give the server's address, "
                    + "e.g. https://chat.example.com");
        }
        return raw.replaceAll("/+$", "");
    }

    /** Where Mattermost posts dialog submissions. */
    public String dialogUrl() {
        return callbackUrl + MattermostRoutes.DIALOG;
    }

    /** Where Mattermost posts button clicks. */
    public String actionUrl() {
        return callbackUrl + MattermostRoutes.ACTION;
    }

    @Override
    public String toString() {
        return "MattermostSettings[serverUrl=" + serverUrl + ", callbackUrl=" + callbackUrl + ", botToken=***, commandTokens="
                + commandTokens.size() + " x ***, admins=" + admins.size() + "]";
    }
}
