package dev.hostwise.bot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.conversation.BoundedWorkQueue;
import dev.hostwise.bot.conversation.ChatSurface;
import dev.hostwise.bot.conversation.Conversation;
import dev.hostwise.bot.conversation.RememberedRequestKeys;
import dev.hostwise.bot.slack.blocks.ReloadReport;
import dev.hostwise.bot.slack.blocks.VerdictMessage;
import dev.hostwise.bot.slack.delivery.ChartUpload;
import dev.hostwise.bot.slack.delivery.SlackMethods;
import dev.hostwise.bot.slack.delivery.SlackOutlet;
import dev.hostwise.bot.slack.delivery.WebApi;
import dev.hostwise.bot.slack.http.BoltUndertowHandler;
import dev.hostwise.bot.slack.http.SignatureCheck;
import dev.hostwise.bot.slack.http.SlackEventsRoutes;
import dev.hostwise.bot.slack.listeners.SlackListeners;
import dev.hostwise.bot.slack.socket.SocketModeLink;
import dev.hostwise.bot.http.Routes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack app: a Bolt app with Hostwise's listeners, reached over HTTP ({@code POST /slack/events}
 * on the shared server) or over Socket Mode. Owns its work queue and its connection to Slack, and
 * stops both on {@link #close()}.
 */
public final class SlackModule implements ChatSurface {

    private static final Logger LOG = LoggerFactory.getLogger(SlackModule.class);

    private final SlackSettings settings;
    private final Slack slack;
    private final App app;
    private final Conversation conversation;
    private final SlackConnection connection;
    private final ChartUpload charts;
    private final List<Routes> routes;

    public SlackModule(SlackSettings settings, Hostwise hostwise, SlackTuning tuning) {
        this(settings, hostwise, tuning, null, SlackAdmins.NONE);
    }

    /**
     * @param pageBaseUrl where verdict pages are served, for the message's "Cite / open" link; null for none
     * @param admins      who may reload the rules, and where failed reloads are announced
     */
    public SlackModule(SlackSettings settings, Hostwise hostwise, SlackTuning tuning, String pageBaseUrl, SlackAdmins admins) {
        this.settings = settings;
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        // the SDK's per-team call statistics would call auth.test again and run background threads for nothing
        config.setStatsEnabled(false);
        config.setHttpClientCallTimeoutMillis(10_000);
        this.slack = Slack.getInstance(config);
        this.app = new App(AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret())
                // the signature is checked against the raw bytes before Bolt sees the request (SignatureCheck)
                .requestVerificationEnabled(false)
                // one workspace, one bot token: auth.test at start-up is enough, no call on the request path
                .authTestCacheExpirationMillis(-1)
                .build());
        MeterRegistry meters = hostwise.metrics().registry();
        WebApi api = new WebApi(slack.getHttpClient().getOkHttpClient(), settings.apiUrl(), settings.botToken(), tuning.retry(),
                meters);
        this.charts = new ChartUpload(slack.methods(settings.botToken()));
        // the conversation core holds the flow; this module only translates Slack to it and back
        this.conversation = new Conversation(hostwise, Platform.SLACK, new SlackOutlet(api, charts, new VerdictMessage(pageBaseUrl)),
                new BoundedWorkQueue("slack", tuning.workers(), tuning.queue(), tuning.waitForRoom(), meters),
                new RememberedRequestKeys(tuning.rememberedKeys()), tuning.rememberedVerdicts(), tuning.outbox());
        SlackParts parts = new SlackParts(hostwise, api, conversation, tuning.triggerBudget(), pageBaseUrl, admins);
        SlackListeners.register(app, parts);
        admins.channel().ifPresent(channel -> hostwise.onReload(outcome -> {
            // admins hear about refused changes; a successful reload is in the log and on /status
            if (!outcome.activated() && !outcome.unchanged()) {
                conversation.queue("reload announcement", () -> api.call("chat.postMessage", "reload " + outcome.candidate(),
                        SlackMethods.chatPostMessage(channel, outcome.summary(), ReloadReport.blocks(outcome))));
            }
        }));

        Optional<SocketModeLink> socket = settings.mode() == SlackSettings.Mode.SOCKET
                ? Optional.of(new SocketModeLink(app, settings.appToken())) : Optional.empty();
        this.connection = new SlackConnection(app, settings, socket, tuning.connectRetry());
        this.routes = settings.mode() == SlackSettings.Mode.HTTP
                ? List.of(new SlackEventsRoutes(new BoltUndertowHandler(app,
                        new SignatureCheck(settings.signingSecret(), hostwise.clock()), connection::ready)))
                : List.of();
    }

    /**
     * The Slack app the environment asks for, or empty when no Slack variable is set.
     *
     * @param pageBaseUrl where the server's verdict pages are, for the "Cite / open" links
     * @throws IllegalArgumentException naming the variable to fix, when the Slack settings are incomplete
     */
    public static Optional<SlackModule> fromEnv(Env env, Hostwise hostwise, String pageBaseUrl) {
        Optional<SlackSettings> settings = SlackSettings.fromEnv(env);
        if (settings.isEmpty()) {
            LOG.info("no Slack app: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) to add one");
        }
        return settings.map(s -> new SlackModule(s, hostwise, SlackTuning.standard(), pageBaseUrl, SlackAdmins.fromEnv(env)));
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    /** {@code POST /slack/events} in HTTP mode; none in Socket Mode, where Slack needs no URL. */
    @Override
    public List<Routes> routes() {
        return routes;
    }

    /** Starts connecting to Slack in the background; returns at once. */
    @Override
    public void start() {
        LOG.info("Slack app in {} mode, Web API at {}", settings.mode() == SlackSettings.Mode.SOCKET ? "Socket" : "HTTP",
                settings.apiUrl());
        connection.start();
    }

    /** The conversation core's delivery over Slack: notices of superseded verdicts go to their threads through it. */
    @Override
    public Optional<dev.hostwise.bot.conversation.Delivery> delivery() {
        return Optional.of(conversation.delivery());
    }

    /** True once Slack has answered and the app takes requests. */
    @Override
    public boolean ready() {
        return connection.ready();
    }

    /** Waits until no verdict is being decided or posted (for tests and orderly shutdown). */
    @Override
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        return conversation.awaitQuiet(timeout);
    }

    @Override
    public void close() {
        connection.close();
        conversation.close();
        charts.close();
        app.stop();
        app.executorService().shutdownNow();
        try {
            slack.close();
        } catch (Exception e) {
            LOG.debug("closing the Slack client: {}", e.getMessage());
        }
    }
}
