package dev.hostwise.bot.slack;

import dev.hostwise.bot.Env;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The Slack app's configuration from the environment. HTTP mode needs {@code SLACK_BOT_TOKEN} and
 * {@code SLACK_SIGNING_SECRET}; Socket Mode needs {@code SLACK_BOT_TOKEN} and {@code SLACK_APP_TOKEN}
 * (xapp-…). With none of them set, there is no Slack app and Hostwise serves only its web endpoints.
 * The tokens and the secret never appear in {@link #toString()} or in any message.
 *
 * @param apiUrl base of the Web API, ending in a slash: {@code SLACK_API_URL}, default https://slack.com/api/
 */
public record SlackSettings(Mode mode, String botToken, String signingSecret, String appToken, String apiUrl) {

    /** How Slack reaches the bot. */
    public enum Mode {
        /** Slack sends requests to POST /slack/events on a public URL. */
        HTTP,
        /** The bot opens a websocket to Slack: no public URL needed. */
        SOCKET
    }

    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    /**
     * The settings, or empty when no Slack variable is set.
     *
     * @throws IllegalArgumentException naming the variable to fix, when the settings are incomplete or malformed
     */
    public static Optional<SlackSettings> fromEnv(Env env) {
        Optional<String> bot = env.get("SLACK_BOT_TOKEN");
        Optional<String> secret = env.get("SLACK_SIGNING_SECRET");
        Optional<String> app = env.get("SLACK_APP_TOKEN");
        if (bot.isEmpty() && secret.isEmpty() && app.isEmpty()) {
            return Optional.empty();
        }
        String apiUrl = apiUrl(env.get("SLACK_API_URL").orElse(DEFAULT_API_URL));
        if (app.isPresent()) {
            if (!app.get().startsWith("xapp-")) {
                throw new IllegalArgumentException("SLACK_APP_TOKEN is not an app-level token (those start with xapp-): "
                        + "create one under Basic Information > App-Level Tokens with the connections:write scope");
            }
            String token = bot.orElseThrow(() -> new IllegalArgumentException("SLACK_APP_TOKEN is set (Socket Mode) but "
                    + "SLACK_BOT_TOKEN is not: set it to the Bot User OAuth Token (xoxb-...) from OAuth & Permissions"));
            return Optional.of(new SlackSettings(Mode.SOCKET, botToken(token), secret.orElse(null), app.get(), apiUrl));
        }
        String token = bot.orElseThrow(() -> new IllegalArgumentException("SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN "
                + "is not: set it to the Bot User OAuth Token (xoxb-...) from OAuth & Permissions"));
        String signing = secret.orElseThrow(() -> new IllegalArgumentException("SLACK_BOT_TOKEN is set but "
                + "SLACK_SIGNING_SECRET is not: copy the Signing Secret from Basic Information > App Credentials, "
                + "or set SLACK_APP_TOKEN to use Socket Mode instead"));
        return Optional.of(new SlackSettings(Mode.HTTP, botToken(token), signing, null, apiUrl));
    }

    private static String botToken(String token) {
        if (!token.startsWith("xoxb-")) {
            throw new IllegalArgumentException("SLACK_BOT_TOKEN is not a bot token (those start with xoxb-): "
                    + "use the Bot User OAuth Token from OAuth & Permissions");
        }
        return token;
    }

    private static String apiUrl(String raw) {
        String scheme;
        try {
            scheme = URI.create(raw).getScheme();
        } catch (IllegalArgumentException e) {
            scheme = null;
        }
        if (scheme == null || !(scheme.toLowerCase(Locale.ROOT).equals("https") || scheme.toLowerCase(Locale.ROOT).equals("http"))) {
            throw new IllegalArgumentException("SLACK_API_URL '" + raw + "' is not an http(s) URL; the default is " + DEFAULT_API_URL);
        }
        return raw.endsWith("/") ? raw : raw + "/";
    }

    @Override
    public String toString() {
        return "SlackSettings[mode=" + mode + ", apiUrl=" + apiUrl + ", botToken=***, signingSecret="
                + (signingSecret == null ? "unset" : "***") + ", appToken=" + (appToken == null ? "unset" : "***") + "]";
    }
}
