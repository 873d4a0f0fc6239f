package dev.hostwise.bot.mattermost;

import dev.hostwise.bot.mattermost.api.ApiResult;
import dev.hostwise.bot.mattermost.api.MattermostApi;
import dev.hostwise.bot.mattermost.delivery.BotIdentity;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the bot token at start-up with {@code GET /api/v4/users/me} (api/v4/source/users.yaml), which
 * answers the token's own account, and keeps the answer: the surface is ready once Mattermost has accepted
 * the token, and the bot's user ID is what a direct message needs. If Mattermost cannot be reached or
 * refuses the token, one log line says so and which variable to check, and it tries again in the
 * background, waiting longer each time (up to a minute); meanwhile the rest of the server keeps serving and
 * {@code /readyz} names {@code mattermost}.
 */
final class MattermostConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MattermostConnection.class);
    private static final Duration MAX_WAIT = Duration.ofMinutes(1);

    private final MattermostApi api;
    private final MattermostSettings settings;
    private final Duration firstWait;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hostwise-mattermost-connect");
        t.setDaemon(true);
        return t;
    });
    private volatile BotIdentity identity;
    private String lastProblem;

    MattermostConnection(MattermostApi api, MattermostSettings settings, Duration firstWait) {
        this.api = api;
        this.settings = settings;
        this.firstWait = firstWait;
    }

    void start() {
        scheduler.execute(() -> attempt(firstWait));
    }

    boolean ready() {
        return identity != null;
    }

    Optional<BotIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    private void attempt(Duration nextWait) {
        ApiResult me = api.get("/api/v4/users/me", "checking MATTERMOST_BOT_TOKEN");
        String problem;
        if (me instanceof ApiResult.Ok ok && !ok.body().path("id").asText("").isEmpty()) {
            identity = new BotIdentity(ok.body().path("id").asText(), ok.body().path("username").asText(""));
            LOG.info("connected to Mattermost at {} as @{}{}; listening on POST {}, {} and {}", settings.serverUrl(),
                    identity.userName(), ok.body().path("is_bot").asBoolean(false) ? " (a bot account)" : "",
                    MattermostRoutes.COMMAND, MattermostRoutes.DIALOG, MattermostRoutes.ACTION);
            return;
        }
        if (me instanceof ApiResult.Refused r && (r.status() == 401 || r.status() == 403)) {
            problem = "Mattermost refused MATTERMOST_BOT_TOKEN (HTTP " + r.status() + "): give a bot account's access token";
        } else if (me.ok()) {
            problem = "Mattermost answered /api/v4/users/me without a user ID; is MATTERMOST_URL the server's address?";
        } else {
            problem = "Mattermost is not reachable at " + settings.serverUrl() + " (" + me.problem() + "); check MATTERMOST_URL";
        }
        if (!problem.equals(lastProblem)) {
            LOG.warn("{}; the web pages keep working, Mattermost requests get 503 until then; trying again in {} ms, then less "
                    + "often, up to a minute apart", problem, nextWait.toMillis());
            lastProblem = problem;
        }
        Duration after = nextWait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : nextWait.multipliedBy(2);
        try {
            scheduler.schedule(() -> attempt(after), nextWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // closed meanwhile: nobody is waiting for Mattermost any more
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
