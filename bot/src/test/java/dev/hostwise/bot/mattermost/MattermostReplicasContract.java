package dev.hostwise.bot.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.conversation.Outlet;
import dev.hostwise.bot.mattermost.MattermostApiStandIn.Call;
import dev.hostwise.bot.store.VerdictSummary;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Mattermost behind a load balancer: two replicas (each its own store, server and Mattermost surface) on one
 * database, one Mattermost server. A slash command Mattermost sends again, or a dialog a user submits twice
 * (a double-click), may reach the other replica; the request keys and the outbox shared through the store
 * make that one verdict and one post, as for Slack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MattermostReplicasContract {

    private static final String POSTS = "POST /api/v4/posts";
    private static final String OPEN = "POST /api/v4/actions/dialogs/open";
    private static final String QUICK = "70000/day task=classification quality=good_enough privacy=in_house";
    private static final Map<String, Object> SCENARIO = Map.of("requestsPerDay", 120000, "taskType", "CLASSIFICATION",
            "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE");

    /** The same database for both replicas. */
    abstract Env env();

    private Hostwise storeA;
    private Hostwise storeB;
    private MattermostApiStandIn mattermost;
    private MattermostBot replicaA;
    private MattermostBot replicaB;

    @BeforeAll
    void startTwoReplicasOnOneDatabase() {
        storeA = Hostwise.start(env(), Optional.empty(), Clock.systemUTC());
        storeB = Hostwise.start(env(), Optional.empty(), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        storeA.close();
        storeB.close();
    }

    @BeforeEach
    void startTheSurfaces() throws Exception {
        mattermost = new MattermostApiStandIn(MattermostBot.BOT_TOKEN);
        replicaA = MattermostBot.start(storeA, mattermost, MattermostBot.BOT_TOKEN, MattermostBot.TUNING, true);
        replicaB = MattermostBot.start(storeB, mattermost, MattermostBot.BOT_TOKEN, MattermostBot.TUNING, true);
    }

    @AfterEach
    void stopTheSurfaces() {
        replicaA.close();
        replicaB.close();
        mattermost.close();
    }

    /** A Mattermost user ID of this test's own (26 characters), so only its verdicts are counted. */
    private static String newUser() {
        return ("u" + UUID.randomUUID().toString().replace("-", "")).substring(0, 26);
    }

    @Test
    @Timeout(60) // a guard against hanging, not a performance target
    void aSlashCommandReachingBothReplicasAtOnceMakesOneVerdictAndOnePost() throws Exception {
        String user = newUser();
        MattermostBot.Command c = replicaA.newCommand(QUICK);

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> send(replicaA, c, user));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> send(replicaB, c, user));

        assertThat(first.get().statusCode()).isEqualTo(200);
        assertThat(second.get().statusCode()).isEqualTo(200);
        assertOneVerdictAndOnePost(user);
    }

    @Test
    @Timeout(60)
    void mattermostSendingTheCommandAgainASecondLaterToTheOtherReplicaChangesNothing() throws Exception {
        String user = newUser();
        MattermostBot.Command c = replicaA.newCommand(QUICK);

        assertThat(send(replicaA, c, user).statusCode()).isEqualTo(200);
        Thread.sleep(1_000);
        HttpResponse<String> again = send(replicaB, c, user);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(MattermostBot.json(again.body()).size()).as("nothing shown for the repeat").isZero();
        assertOneVerdictAndOnePost(user);
    }

    @Test
    @Timeout(60)
    void aDialogSubmittedTwiceToTwoReplicasMakesOneVerdictAndOnePost() throws Exception {
        String user = newUser();
        assertThat(send(replicaA, replicaA.newCommand(""), user).statusCode()).isEqualTo(200);
        Call open = mattermost.await(OPEN);

        // the double-click: the same dialog's submission twice, at once, one to each replica
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> submit(replicaA, open, user));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> submit(replicaB, open, user));

        for (HttpResponse<String> r : List.of(first.get(), second.get())) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(MattermostBot.json(r.body()).size()).as("the dialog closes on both, with no error").isZero();
        }
        assertOneVerdictAndOnePost(user);

        // pressed again after the verdict is out, on either replica: still the one verdict
        assertThat(submit(replicaB, open, user).statusCode()).isEqualTo(200);
        assertThat(submit(replicaA, open, user).statusCode()).isEqualTo(200);
        assertOneVerdictAndOnePost(user);
    }

    @Test
    @Timeout(60)
    void aVerdictInTheChannelIsFoundByReadingTheChannelBackSoATakenOverJobDoesNotPostItAgain() throws Exception {
        String user = newUser();
        Instant asked = Instant.now().minusSeconds(1);
        assertThat(send(replicaA, replicaA.newCommand(QUICK), user).statusCode()).isEqualTo(200);
        String id = assertOneVerdictAndOnePost(user);

        // what a replica that takes over a job asks before posting its verdict again
        Outlet outlet = outletOf(replicaB);
        assertThat(outlet.alreadyPosted(MattermostBot.CHANNEL, id, asked)).isEqualTo(Outlet.Seen.POSTED);
        assertThat(outlet.alreadyPosted(MattermostBot.CHANNEL, "HW-1999-0001", asked)).isEqualTo(Outlet.Seen.NOT_POSTED);
        assertThat(outlet.alreadyPosted(MattermostBot.CHANNEL, id, Instant.now().plusSeconds(60))).isEqualTo(Outlet.Seen.NOT_POSTED);
        mattermost.notAMemberOf("chan0000000000000000000002");
        assertThat(outlet.alreadyPosted("chan0000000000000000000002", id, asked)).isEqualTo(Outlet.Seen.CANNOT_TELL);
        mattermost.script("GET /api/v4/channels/" + MattermostBot.CHANNEL + "/posts", MattermostApiStandIn.Reply.status(503),
                MattermostApiStandIn.Reply.status(503), MattermostApiStandIn.Reply.status(503));
        assertThat(outlet.alreadyPosted(MattermostBot.CHANNEL, id, asked)).isEqualTo(Outlet.Seen.UNREACHABLE);
    }

    /** The outlet a replica's outbox asks, as the module builds it, against the same Mattermost. */
    private Outlet outletOf(MattermostBot bot) {
        var api = new dev.hostwise.bot.mattermost.api.MattermostApi(java.net.http.HttpClient.newHttpClient(), mattermost.url(),
                MattermostBot.BOT_TOKEN, MattermostBot.TUNING.retry(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        var identity = Optional.of(new dev.hostwise.bot.mattermost.delivery.BotIdentity(MattermostApiStandIn.BOT_USER_ID,
                MattermostApiStandIn.BOT_USER_NAME));
        return new dev.hostwise.bot.mattermost.delivery.MattermostOutlet(api,
                new dev.hostwise.bot.mattermost.api.ReplyLinks(Clock.systemUTC(), 100),
                new dev.hostwise.bot.mattermost.render.VerdictPost(MattermostBot.PAGE_BASE_URL, bot.settings.actionUrl(),
                        new dev.hostwise.bot.mattermost.callback.CallbackSeal(MattermostBot.BOT_TOKEN), u -> Optional.empty()),
                new dev.hostwise.bot.mattermost.delivery.ChartThread(api), () -> identity);
    }

    /** Exactly one verdict stored for this user, and exactly one post naming it; returns its ID. */
    private String assertOneVerdictAndOnePost(String user) throws Exception {
        replicaA.awaitQuiet();
        replicaB.awaitQuiet();
        List<VerdictSummary> stored = awaitStored(user);
        assertThat(stored).as("verdicts stored for the question").hasSize(1);
        String id = stored.get(0).id();
        // a moment for a second verdict or post, were one on its way
        Thread.sleep(300);
        replicaA.awaitQuiet();
        replicaB.awaitQuiet();
        assertThat(storeA.store().recentBy(Platform.MATTERMOST, user, 10)).hasSize(1);
        List<Call> posts = mattermost.calls(POSTS).stream()
                .filter(p -> p.json().path("root_id").asText("").isEmpty())
                .filter(p -> p.json().path("message").asText("").contains(id))
                .toList();
        assertThat(posts).as("posts of verdict " + id).hasSize(1);
        Set<String> channels = posts.stream().map(p -> p.json().path("channel_id").asText()).collect(Collectors.toSet());
        assertThat(channels).containsExactly(MattermostBot.CHANNEL);
        return id;
    }

    private List<VerdictSummary> awaitStored(String user) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<VerdictSummary> stored = storeB.store().recentBy(Platform.MATTERMOST, user, 10);
            if (!stored.isEmpty() || System.nanoTime() > deadline) {
                return stored;
            }
            Thread.sleep(20);
        }
    }

    private static HttpResponse<String> send(MattermostBot replica, MattermostBot.Command c, String user) {
        try {
            return replica.command(c, MattermostBot.COMMAND_TOKEN, user);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> submit(MattermostBot replica, Call open, String user) {
        try {
            return replica.submitHere(open, SCENARIO, user);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
