package dev.hostwise.bot.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.LogCapture;
import dev.hostwise.bot.mattermost.MattermostApiStandIn.Call;
import dev.hostwise.bot.mattermost.MattermostApiStandIn.Reply;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What Mattermost's surface refuses, what it does once only, and how it rides out Mattermost's own
 * failures: tokens and seals, repeated deliveries, 429 and 5xx, over the same loopback set-up as the
 * end-to-end test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MattermostReliabilityTest {

    private static final String POSTS = "POST /api/v4/posts";
    private static final String OPEN = "POST /api/v4/actions/dialogs/open";
    private static final String QUICK = "50000/day task=classification quality=good_enough privacy=in_house";
    private static final Map<String, Object> SCENARIO = Map.of("requestsPerDay", 100000, "taskType", "CLASSIFICATION",
            "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE");

    private Hostwise hostwise;
    private MattermostBot bot;

    @BeforeAll
    void compileThePolicyOnce() {
        hostwise = Hostwise.start(dev.hostwise.bot.store.StoreFixture.freshH2(), Optional.empty(), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        hostwise.close();
    }

    @BeforeEach
    void startTheBot() throws Exception {
        bot = MattermostBot.start(hostwise);
    }

    @AfterEach
    void stopTheBot() {
        bot.close();
    }

    // ---- security ----

    @Test
    void aCommandWithoutTheRightTokenIs401AndRunsNothingAndNoTokenIsLogged() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            assertThat(bot.command(bot.newCommand(QUICK), null, MattermostBot.USER).statusCode()).isEqualTo(401);
            assertThat(bot.command(bot.newCommand(QUICK), "not-the-token", MattermostBot.USER).statusCode()).isEqualTo(401);
            assertThat(bot.command(bot.newCommand(QUICK), MattermostBot.COMMAND_TOKEN + "x", MattermostBot.USER).statusCode()).isEqualTo(401);
            assertThat(bot.command(bot.newCommand(""), "", MattermostBot.USER).statusCode()).isEqualTo(401);
            bot.awaitQuiet();
            assertThat(bot.mattermost.calls(POSTS)).isEmpty();
            assertThat(bot.mattermost.calls(OPEN)).isEmpty();

            // each team's command has its own token; any configured one is accepted, in the body or the Authorization header
            assertThat(bot.command(bot.newCommand(QUICK), MattermostBot.OTHER_TEAM_TOKEN, MattermostBot.USER).statusCode()).isEqualTo(200);
            MattermostBot.Command c = bot.newCommand(QUICK);
            String form = MattermostBot.encode(Map.of("team_id", MattermostBot.TEAM, "channel_id", MattermostBot.CHANNEL,
                    "user_id", MattermostBot.USER, "user_name", "ana", "text", c.text(), "trigger_id", c.trigger(),
                    "response_url", c.responseUrl()));
            assertThat(bot.post("/mattermost/command", form, "application/x-www-form-urlencoded",
                    Map.of("Authorization", "Token " + MattermostBot.COMMAND_TOKEN)).statusCode()).isEqualTo(200);
            assertThat(bot.post("/mattermost/command", form, "application/x-www-form-urlencoded",
                    Map.of("Authorization", "Token wrong")).statusCode()).isEqualTo(401);
            bot.mattermost.await(POSTS, 2);
            bot.awaitQuiet();

            assertThat(log.lines()).isNotEmpty().noneMatch(l -> l.contains(MattermostBot.COMMAND_TOKEN)
                    || l.contains(MattermostBot.OTHER_TEAM_TOKEN) || l.contains(MattermostBot.BOT_TOKEN));
            assertThat(log.lines()).anyMatch(l -> l.contains("refused a slash command") && l.contains("not one of MATTERMOST_COMMAND_TOKEN's"));
        }
        assertThat(bot.settings.toString()).doesNotContain(MattermostBot.BOT_TOKEN, MattermostBot.COMMAND_TOKEN);
    }

    @Test
    void aDialogSubmissionWithoutHostwisesSealedStateIs401() throws Exception {
        bot.command("");
        Call open = bot.mattermost.await(OPEN);
        JsonNode req = open.json();
        String state = req.path("dialog").path("state").asText();

        for (String forged : new String[] {"", "v1.e30.AAAA", state.substring(0, state.length() - 2) + "xx",
                tamper(state)}) {
            ObjectNode body = submission(req, SCENARIO, MattermostBot.USER);
            body.put("state", forged);
            assertThat(bot.postTo(req.path("url").asText(), body.toString()).statusCode()).as("state " + forged).isEqualTo(401);
        }
        ObjectNode noState = submission(req, SCENARIO, MattermostBot.USER);
        noState.remove("state");
        assertThat(bot.postTo(req.path("url").asText(), noState.toString()).statusCode()).isEqualTo(401);
        // the state reaches the asker's client with the dialog: someone else cannot use it
        assertThat(bot.submit(open, SCENARIO, "user0000000000000000000bob").statusCode()).isEqualTo(401);
        assertThat(bot.postTo(req.path("url").asText(), "not json").statusCode()).isEqualTo(400);
        bot.awaitQuiet();
        assertThat(bot.mattermost.calls(POSTS)).isEmpty();

        assertThat(bot.submit(open, SCENARIO, MattermostBot.USER).statusCode()).isEqualTo(200);
        bot.mattermost.await(POSTS);
    }

    @Test
    void aButtonClickWithoutHostwisesSealedContextIs401() throws Exception {
        bot.command(QUICK);
        Call post = bot.mattermost.await(POSTS);
        JsonNode math = MattermostBot.action(post, "Show the math");
        String url = math.path("integration").path("url").asText();
        JsonNode context = math.path("integration").path("context");

        ObjectNode altered = context.deepCopy();
        altered.put("hostwise", context.path("hostwise").asText().replace("\"math\"", "\"adjust\""));
        ObjectNode otherVerdict = context.deepCopy();
        otherVerdict.put("hostwise", context.path("hostwise").asText().replaceAll("HW-\\d{4}-\\d{4}", "HW-2026-9999"));
        ObjectNode unsealed = context.deepCopy();
        unsealed.remove("seal");
        for (JsonNode forged : List.of(altered, otherVerdict, unsealed, MattermostBot.json("{}"))) {
            String body = "{\"user_id\":\"" + MattermostBot.USER + "\",\"channel_id\":\"" + MattermostBot.CHANNEL
                    + "\",\"post_id\":\"" + post.answerJson().path("id").asText() + "\",\"trigger_id\":\"" + bot.mattermost.newTrigger()
                    + "\",\"context\":" + forged + "}";
            assertThat(bot.postTo(url, body).statusCode()).as("context " + forged).isEqualTo(401);
        }
        bot.awaitQuiet();
        assertThat(bot.mattermost.calls(POSTS).stream().filter(p -> p.json().path("message").asText().startsWith("#### The math")))
                .isEmpty();
        assertThat(bot.mattermost.calls(OPEN)).isEmpty();
    }

    // ---- once only ----

    @Test
    void aRepeatedDeliveryOfTheSameTriggerSubmissionOrClickMakesNoSecondVerdict() throws Exception {
        // the same command delivered twice
        MattermostBot.Command quick = bot.newCommand(QUICK);
        assertThat(bot.command(quick).statusCode()).isEqualTo(200);
        assertThat(bot.command(quick).statusCode()).isEqualTo(200);
        Call verdict = bot.mattermost.await(POSTS);
        bot.awaitQuiet();
        assertThat(verdicts()).hasSize(1);

        // the same trigger opens the dialog once
        MattermostBot.Command form = bot.newCommand("");
        bot.command(form);
        bot.command(form);
        bot.awaitQuiet();
        assertThat(bot.mattermost.calls(OPEN)).hasSize(1);

        // the same submission delivered twice: one verdict
        Call open = bot.mattermost.await(OPEN);
        assertThat(bot.submit(open, SCENARIO, MattermostBot.USER).statusCode()).isEqualTo(200);
        assertThat(bot.submit(open, SCENARIO, MattermostBot.USER).statusCode()).isEqualTo(200);
        bot.awaitQuiet();
        assertThat(verdicts()).hasSize(2);

        // the same click delivered twice: one reply in the thread
        String trigger = bot.mattermost.newTrigger();
        String postId = verdict.answerJson().path("id").asText();
        bot.click(verdict, postId, "Show the math", trigger);
        bot.click(verdict, postId, "Show the math", trigger);
        bot.awaitQuiet();
        assertThat(bot.mattermost.calls(POSTS).stream().filter(p -> p.json().path("message").asText().startsWith("#### The math")))
                .hasSize(1);
    }

    // ---- Mattermost failing ----

    @Test
    void a429ThenSuccessPostsOnceAfterTheWaitMattermostAsksFor() throws Exception {
        bot.mattermost.script(POSTS, Reply.rateLimited("Retry-After", 1));
        bot.command(QUICK);
        List<Call> posts = bot.mattermost.await(POSTS, 2);
        assertThat(posts.get(0).answer().status()).isEqualTo(429);
        assertThat(posts.get(1).answer().status()).isEqualTo(201);
        assertThat(posts.get(1).json().path("message").asText()).isEqualTo(posts.get(0).json().path("message").asText());
        bot.awaitQuiet();
        assertThat(verdicts()).hasSize(1);
        assertThat(retries(POSTS)).isEqualTo(1.0);

        // X-RateLimit-Reset alone is honoured too; a 5xx is retried with backoff
        bot.mattermost.script(POSTS, new Reply(429, Map.of("X-RateLimit-Reset", "0"), "limit exceeded\n"), Reply.status(503));
        bot.command(QUICK);
        bot.awaitQuiet();
        assertThat(verdicts()).hasSize(2);
        assertThat(retries(POSTS)).isEqualTo(3.0);
    }

    @Test
    void aRateLimitLongerThanWeWaitOrFailuresPastTheRetriesEndInTheReplyLink() throws Exception {
        // Retry-After of an hour: not worth holding a worker for; the verdict goes through the reply link at once
        bot.mattermost.script(POSTS, Reply.rateLimited("Retry-After", 3600));
        MattermostBot.Command c = bot.newCommand(QUICK);
        bot.command(c);
        JsonNode reply = bot.mattermost.awaitReply(c.responseUrl()).json();
        assertThat(reply.path("text").asText()).contains("HTTP 429, asked to wait 3600 s");
        assertThat(bot.mattermost.calls(POSTS).stream().filter(p -> p.answer().status() == 429)).hasSize(1);

        // three 500s: the attempts are bounded (3 in these tests), then the reply link
        bot.mattermost.script(POSTS, Reply.status(500), Reply.status(500), Reply.status(500));
        MattermostBot.Command d = bot.newCommand(QUICK);
        bot.command(d);
        assertThat(bot.mattermost.awaitReply(d.responseUrl()).json().path("text").asText()).contains("HTTP 500 (after 3 attempts)");
    }

    private List<Call> verdicts() {
        return bot.mattermost.calls(POSTS).stream().filter(p -> p.answer().status() == 201
                && p.json().path("message").asText().startsWith("#### ") && !p.json().path("message").asText().startsWith("#### The math"))
                .toList();
    }

    private double retries(String endpoint) {
        var counter = hostwise.metrics().registry().find("hostwise.mattermost.api.retries").tag("endpoint", endpoint).counter();
        return counter == null ? 0 : counter.count() - baseline;
    }

    private double baseline;

    @BeforeEach
    void countFromHere() {
        var counter = hostwise.metrics().registry().find("hostwise.mattermost.api.retries").tag("endpoint", POSTS).counter();
        baseline = counter == null ? 0 : counter.count();
    }

    private static ObjectNode submission(JsonNode open, Map<String, Object> values, String user) {
        ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        body.put("type", "dialog_submission");
        body.put("callback_id", open.path("dialog").path("callback_id").asText());
        body.put("state", open.path("dialog").path("state").asText());
        body.put("user_id", user);
        body.put("channel_id", MattermostBot.CHANNEL);
        body.put("team_id", MattermostBot.TEAM);
        body.set("submission", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(values));
        return body;
    }

    /** The same state pointing its answer at another channel, with the original seal. */
    private static String tamper(String state) throws Exception {
        String[] parts = state.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace(MattermostBot.CHANNEL, "chan000000000000000000evil");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
