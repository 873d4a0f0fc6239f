package dev.hostwise.bot.mattermost;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.conversation.BoundedWorkQueue;
import dev.hostwise.bot.conversation.ChatSurface;
import dev.hostwise.bot.conversation.Conversation;
import dev.hostwise.bot.conversation.RememberedRequestKeys;
import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.mattermost.api.MattermostApi;
import dev.hostwise.bot.mattermost.api.ReplyLinks;
import dev.hostwise.bot.mattermost.callback.CallbackSeal;
import dev.hostwise.bot.mattermost.delivery.ChartThread;
import dev.hostwise.bot.mattermost.delivery.KnownUsers;
import dev.hostwise.bot.mattermost.delivery.MattermostOutlet;
import dev.hostwise.bot.mattermost.input.CommandTokens;
import dev.hostwise.bot.mattermost.render.VerdictPost;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mattermost as a chat surface, over plain HTTP: the slash command, the scenario dialog and the verdict's
 * buttons reach Hostwise on three routes of the shared server ({@link MattermostRoutes}); Hostwise answers
 * through Mattermost's REST API as a bot account ({@link MattermostApi}). The conversation core holds the
 * flow; this module only translates Mattermost to it and back. Owns its work queue, its connection check
 * and its chart thread, and stops them on {@link #close()}.
 */
public final class MattermostModule implements ChatSurface {

    private static final Logger LOG = LoggerFactory.getLogger(MattermostModule.class);

    private final MattermostSettings settings;
    private final Conversation conversation;
    private final MattermostConnection connection;
    private final ChartThread charts;
    private final List<Routes> routes;

    /**
     * @param pageBaseUrl where verdict pages are served, for the "Cite / open" link; null for none
     */
    public MattermostModule(MattermostSettings settings, Hostwise hostwise, MattermostTuning tuning, String pageBaseUrl) {
        this.settings = settings;
        MeterRegistry meters = hostwise.metrics().registry();
        // HTTP/1.1: the JDK would otherwise offer an h2c upgrade on every plain-http call, which proxies in front
        // of a Mattermost server do not all take well; a redirect is never followed with the bot token
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        MattermostApi api = new MattermostApi(http, settings.serverUrl(), settings.botToken(), tuning.retry(), meters);
        this.connection = new MattermostConnection(api, settings, tuning.connectRetry());
        this.charts = new ChartThread(api);
        CallbackSeal seal = new CallbackSeal(settings.botToken());
        ReplyLinks replyLinks = new ReplyLinks(hostwise.clock(), tuning.rememberedKeys());
        KnownUsers users = new KnownUsers(tuning.rememberedKeys());
        VerdictPost verdicts = new VerdictPost(pageBaseUrl, settings.actionUrl(), seal, users::name);
        // the conversation core holds the flow; this module only translates Mattermost to it and back
        this.conversation = new Conversation(hostwise, Platform.MATTERMOST,
                new MattermostOutlet(api, replyLinks, verdicts, charts, connection::identity),
                new BoundedWorkQueue("mattermost", tuning.workers(), tuning.queue(), tuning.waitForRoom(), meters),
                new RememberedRequestKeys(tuning.rememberedKeys()), tuning.rememberedVerdicts(), tuning.outbox());
        MattermostParts parts = new MattermostParts(hostwise, conversation, api, settings, tuning,
                new CommandTokens(settings.commandTokens()), seal, replyLinks, users, connection::ready, pageBaseUrl);
        this.routes = List.of(new MattermostRoutes(parts));
    }

    /**
     * The Mattermost surface the environment asks for, or empty when no Mattermost variable is set.
     *
     * @param pageBaseUrl where the server's verdict pages are ({@code HOSTWISE_BASE_URL}): the "Cite / open" links,
     *                    and where Mattermost posts dialog submissions and button clicks
     * @throws IllegalArgumentException naming the variable to fix, when the Mattermost settings are incomplete
     */
    public static Optional<MattermostModule> fromEnv(Env env, Hostwise hostwise, String pageBaseUrl) {
        Optional<MattermostSettings> settings = MattermostSettings.fromEnv(env, pageBaseUrl);
        if (settings.isEmpty()) {
            LOG.info("no Mattermost surface: set {} to add one", String.join(", ", MattermostSettings.VARIABLES));
            return Optional.empty();
        }
        if (env.get("HOSTWISE_BASE_URL").isEmpty()) {
            LOG.warn("HOSTWISE_BASE_URL is not set: Mattermost will post dialogs and button clicks to {}, which only works when "
                    + "Mattermost runs on this host; set it to the address Mattermost reaches Hostwise at", pageBaseUrl);
        }
        return settings.map(s -> new MattermostModule(s, hostwise, MattermostTuning.standard(), pageBaseUrl));
    }

    @Override
    public Platform platform() {
        return Platform.MATTERMOST;
    }

    /** {@code POST /mattermost/command}, {@code /mattermost/dialog} and {@code /mattermost/action}. */
    @Override
    public List<Routes> routes() {
        return routes;
    }

    /** Starts checking the bot token in the background; returns at once. */
    @Override
    public void start() {
        LOG.info("Mattermost surface for {}, callbacks at {}", settings.serverUrl(), settings.callbackUrl());
        connection.start();
    }

    /** True once Mattermost has accepted the bot token. */
    @Override
    public boolean ready() {
        return connection.ready();
    }

    /** The core's delivery: the watch posts its notices of superseded verdicts in their Mattermost threads through it. */
    @Override
    public Optional<dev.hostwise.bot.conversation.Delivery> delivery() {
        return Optional.of(conversation.delivery());
    }

    @Override
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        return conversation.awaitQuiet(timeout);
    }

    @Override
    public void close() {
        connection.close();
        conversation.close();
        charts.close();
    }
}
