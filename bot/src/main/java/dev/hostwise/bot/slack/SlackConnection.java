package dev.hostwise.bot.slack;

import com.slack.api.bolt.App;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.hostwise.bot.slack.socket.SocketModeLink;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the Slack app up: checks the bot token with auth.test, starts Bolt (which calls auth.test
 * itself), and in Socket Mode opens the websocket. If Slack cannot be reached or refuses a token, it
 * says so in one log line and tries again in the background, waiting longer each time (up to a
 * minute); meanwhile the rest of the server keeps serving.
 */
final class SlackConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackConnection.class);
    private static final Duration MAX_WAIT = Duration.ofMinutes(1);

    private final App app;
    private final SlackSettings settings;
    private final Optional<SocketModeLink> socket;
    private final Duration firstWait;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hostwise-slack-connect");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean ready;
    private String lastProblem;

    SlackConnection(App app, SlackSettings settings, Optional<SocketModeLink> socket, Duration firstWait) {
        this.app = app;
        this.settings = settings;
        this.socket = socket;
        this.firstWait = firstWait;
    }

    void start() {
        scheduler.execute(() -> attempt(firstWait));
    }

    boolean ready() {
        return ready;
    }

    private void attempt(Duration nextWait) {
        String problem;
        try {
            AuthTestResponse auth = app.client().authTest(r -> r.token(settings.botToken()));
            if (auth.isOk()) {
                app.start();
                if (socket.isPresent()) {
                    socket.get().connect();
                }
                ready = true;
                LOG.info("connected to Slack workspace {} ({}) as @{}; {}", auth.getTeam(), auth.getTeamId(), auth.getUser(),
                        settings.mode() == SlackSettings.Mode.SOCKET ? "Socket Mode"
                                : "listening for Slack on POST /slack/events");
                return;
            }
            problem = "Slack refused SLACK_BOT_TOKEN (" + auth.getError() + ")";
        } catch (IOException e) {
            problem = "Slack is not reachable at " + settings.apiUrl() + " (" + e.getMessage() + ")";
        } catch (SlackApiException e) {
            problem = "Slack answered auth.test with HTTP " + e.getResponse().code();
        } catch (IllegalStateException e) {
            // thrown by the Socket Mode client when apps.connections.open says no
            problem = "Slack refused SLACK_APP_TOKEN (" + e.getMessage() + ")";
        } catch (RuntimeException e) {
            problem = "the Slack app could not start (" + e.getMessage() + ")";
        }
        if (!problem.equals(lastProblem)) {
            LOG.warn("{}; /healthz and the web pages keep working, Slack requests get 503 until then; trying again in {}, "
                    + "then less often, up to a minute apart", problem, nextWait.toMillis() < 1000 ? nextWait.toMillis() + " ms" : nextWait.toSeconds() + " s");
            lastProblem = problem;
        } else {
            LOG.debug("{}; trying again in {} ms", problem, nextWait.toMillis());
        }
        Duration after = nextWait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : nextWait.multipliedBy(2);
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> attempt(after), nextWait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        socket.ifPresent(SocketModeLink::close);
    }
}
