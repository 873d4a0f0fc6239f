package dev.hostwise.bot.serve;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.conversation.ChatSurface;
import dev.hostwise.bot.mattermost.MattermostModule;
import dev.hostwise.bot.slack.SlackModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chat platforms this build can talk on, each configured from its own environment variables.
 * {@code serve} runs every one whose settings are present, beside the web pages and API, which always
 * run; with none configured, the web form is served at {@code /}. A new chat platform is one more
 * factory in {@link #KNOWN}.
 */
public final class ChatSurfaces {

    /** Builds a surface from the environment, or nothing when its variables are unset. */
    @FunctionalInterface
    interface Factory {
        /**
         * @throws IllegalArgumentException naming the variable to fix, when its settings are incomplete
         */
        Optional<? extends ChatSurface> fromEnv(Env env, Hostwise hostwise, String pageBaseUrl);
    }

    private static final List<Factory> KNOWN = List.of(SlackModule::fromEnv, MattermostModule::fromEnv);

    private ChatSurfaces() {
    }

    /**
     * Every chat surface whose settings are present.
     *
     * @param pageBaseUrl where the server's verdict pages are, for the links in messages
     * @throws IllegalArgumentException naming the variable to fix; surfaces already built are closed first
     */
    public static List<ChatSurface> fromEnv(Env env, Hostwise hostwise, String pageBaseUrl) {
        List<ChatSurface> surfaces = new ArrayList<>();
        try {
            for (Factory f : KNOWN) {
                f.fromEnv(env, hostwise, pageBaseUrl).ifPresent(surfaces::add);
            }
        } catch (IllegalArgumentException e) {
            surfaces.forEach(ChatSurface::close);
            throw e;
        }
        return List.copyOf(surfaces);
    }
}
