package dev.hostwise.bot.serve;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.conversation.ChatSurface;
import dev.hostwise.bot.health.CoreChecks;
import dev.hostwise.bot.health.Readiness;
import dev.hostwise.bot.http.HostwiseServer;
import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.http.ServerSettings;
import dev.hostwise.bot.store.Database;
import dev.hostwise.bot.web.WebApp;
import dev.hostwise.bot.web.WebSettings;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.conversation.Delivery;
import dev.hostwise.bot.watch.Watch;
import dev.hostwise.bot.watch.WatchSettings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code hostwise serve} runs, wired in one place: the shared HTTP server with the web surface
 * (pages, API, status, metrics, and the form when no chat surface is configured) and every configured
 * chat surface. The only code that knows every surface; surfaces never know each other.
 */
public final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final HostwiseServer http;
    private final List<ChatSurface> chat;
    private final WebSettings web;
    private final Watch watch;

    private Server(HostwiseServer http, List<ChatSurface> chat, WebSettings web, Watch watch) {
        this.http = http;
        this.chat = chat;
        this.web = web;
        this.watch = watch;
    }

    /**
     * Starts serving on {@code bind:port}.
     *
     * @throws IllegalArgumentException naming the variable to fix, when a chat surface's settings are incomplete
     */
    public static Server start(Env env, Hostwise hostwise, String bind, int port) {
        // links in chat messages point at this server's pages, on the port it really listens on
        String pageBaseUrl = env.baseUrl(port);
        WatchSettings watchSettings = WatchSettings.from(env);
        List<ChatSurface> chat = ChatSurfaces.fromEnv(env, hostwise, pageBaseUrl);
        WebSettings web = WebSettings.from(env, port, !chat.isEmpty());
        List<Routes> routes = new ArrayList<>(WebApp.routes(hostwise, web));
        chat.forEach(c -> routes.addAll(c.routes()));
        // /readyz: the store (checked in the background), the policy, and each chat surface configured
        hostwise.store().database().watch(Database.WATCH_EVERY);
        Readiness readiness = CoreChecks.of(hostwise);
        chat.forEach(c -> readiness.register(c.platform().id(), () -> c.ready()
                ? Optional.empty()
                : Optional.of(c.platform().displayName() + " has not accepted the bot's credentials yet; the log says why")));
        HostwiseServer http = new HostwiseServer(bind, port, routes, hostwise.metrics().registry(),
                ServerSettings.forBaseUrl(web.baseUrl(), readiness)).start();
        chat.forEach(ChatSurface::start);
        if (chat.isEmpty()) {
            LOG.info("no chat surface configured: open {}/ to decide a scenario in the browser", web.baseUrl());
        }
        // the watch re-checks stored verdicts when rules, catalog or evidence change, and posts notices through the chat surfaces
        Watch watch = new Watch(hostwise, watchSettings, () -> deliveries(chat), web.baseUrl());
        watch.start();
        return new Server(http, chat, web, watch);
    }

    private static Map<Platform, Delivery> deliveries(List<ChatSurface> chat) {
        Map<Platform, Delivery> by = new EnumMap<>(Platform.class);
        chat.forEach(c -> c.delivery().ifPresent(d -> by.put(c.platform(), d)));
        return by;
    }

    /** The watch over stored verdicts. */
    public Watch watch() {
        return watch;
    }

    /** The chat surfaces running (empty when none is configured). */
    public List<ChatSurface> chatSurfaces() {
        return chat;
    }

    public WebSettings web() {
        return web;
    }

    public int port() {
        return http.port();
    }

    /** Waits until no chat surface is deciding or posting anything. */
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        for (ChatSurface c : chat) {
            if (!c.awaitQuiet(timeout)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops taking requests, then stops every chat surface at once: each gives back the outbox jobs it has not
     * started (another replica answers them within seconds), lets the running ones finish within its drain
     * bound (20 s, see {@link dev.hostwise.bot.conversation.BoundedWorkQueue#DRAIN_BOUND}) and gives back the
     * rest. Side by side, so two surfaces stop within one bound, inside Kubernetes' 30 s grace period.
     */
    @Override
    public void close() {
        watch.close();
        http.close();
        List<Thread> closing = new ArrayList<>();
        for (ChatSurface c : chat) {
            Thread t = new Thread(() -> {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    LOG.warn("stopping the {} surface failed", c.platform().displayName(), e);
                }
            }, "hostwise-stop-" + c.platform().id());
            t.start();
            closing.add(t);
        }
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
