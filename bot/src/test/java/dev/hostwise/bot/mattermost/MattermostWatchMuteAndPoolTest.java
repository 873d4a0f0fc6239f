package dev.hostwise.bot.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.cli.HostwiseCli;
import dev.hostwise.bot.mattermost.MattermostApiStandIn.Call;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.bot.watch.Watch;
import dev.hostwise.bot.watch.WatchSettings;
import dev.hostwise.rules.facts.Recommendation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 14 on Mattermost: a verdict posted in a channel is superseded after a LiteLLM price import and
 * gets exactly one notice in its own thread (root_id = the verdict's post), through the conversation core's
 * delivery; the asker mutes a verdict with {@code /selfhost mute HW-…} or its "Mute updates" button, and
 * then hears nothing; admins find pools with {@code /selfhost pool}. All over real HTTP against the
 * Mattermost stand-in.
 */
class MattermostWatchMuteAndPoolTest {

    private static final String POSTS = "POST /api/v4/posts";
    /** GPT-4.1 mini at 900 + 300 tokens, a million a day: Measure first now, Stay on the hosted API at half the price. */
    private static final String FLIPS = "1000000/day task=classification quality=good_enough privacy=in_house model=gpt-4.1-mini "
            + "input=900 output=300";

    @TempDir
    Path tmp;
    private Path catalog;
    private Env env;
    private Hostwise hostwise;
    private MattermostBot bot;
    private Watch watch;

    @BeforeEach
    void start() throws Exception {
        catalog = tmp.resolve("catalog");
        env = new Env(Map.of("HOSTWISE_DATA_DIR", tmp.resolve("data").toString(), "HOSTWISE_CATALOG_DIR", catalog.toString()));
        assertThat(cli("catalog", "export", catalog.toString())).isZero();
        hostwise = Hostwise.start(env, Optional.empty(), Clock.systemUTC());
        bot = MattermostBot.start(hostwise);
        // as serve wires it: notices go through each chat surface's delivery
        watch = new Watch(hostwise, WatchSettings.from(env).withEvery(Duration.ofHours(1)),
                () -> Map.of(Platform.MATTERMOST, bot.module.delivery().orElseThrow()), MattermostBot.PAGE_BASE_URL);
    }

    @AfterEach
    void stop() {
        watch.close();
        bot.close();
        hostwise.close();
    }

    @Test
    void aPriceImportThatFlipsAVerdictPostsOneNoticeInItsMattermostThread() throws Exception {
        Call post = askAndAwaitVerdict();
        StoredVerdict old = hostwise.store().recentVerdicts(1).get(0);
        assertThat(old.verdict().recommendation()).isEqualTo(Recommendation.MEASURE_FIRST);
        assertThat(post.json().path("message").asText()).contains("**How sure:** Self-hosting is cheaper in ");

        importHalfPrice();
        watch.runOnce();
        bot.awaitQuiet();

        StoredVerdict successor = hostwise.store().byId(hostwise.store().supersededBy(old.id()).get(0).id()).orElseThrow();
        assertThat(successor.verdict().recommendation()).isEqualTo(Recommendation.HOSTED_API);
        List<Call> notices = notices(old.id());
        assertThat(notices).as("one notice, in the verdict's thread").singleElement().satisfies(n -> {
            assertThat(n.json().path("root_id").asText()).isEqualTo(postId(post));
            assertThat(n.json().path("channel_id").asText()).isEqualTo(MattermostBot.CHANNEL);
            assertThat(n.json().path("message").asText()).startsWith(old.id() + " is superseded by " + successor.id()
                            + ": Measure first → Stay on the hosted API. Why: inputs changed: catalog of ")
                    .contains("GPT-4.1 mini input $0.40 → $0.20 per 1M", MattermostBot.PAGE_BASE_URL + "/v/" + successor.linkToken(),
                            "`/selfhost mute " + successor.id() + "`");
        });

        // the next change and later runs never notify again for this one
        hostwise.inputsChanged("evidence:test", "a test's evidence import");
        watch.runOnce();
        bot.awaitQuiet();
        assertThat(notices(old.id())).hasSize(1);
    }

    @Test
    void theAskerMutesAVerdictWithTheCommandAndNobodyElseCan() throws Exception {
        askAndAwaitVerdict();
        String id = hostwise.store().recentVerdicts(1).get(0).id();

        MattermostBot.Command someoneElse = bot.newCommand("mute " + id);
        assertThat(bot.command(someoneElse, MattermostBot.COMMAND_TOKEN, MattermostBot.ADMIN).statusCode()).isEqualTo(200);
        assertThat(bot.mattermost.awaitReply(someoneElse.responseUrl()).json().path("text").asText())
                .startsWith("Only the person who asked for " + id);

        JsonNode noId = MattermostBot.json(bot.command("mute").body());
        assertThat(noId.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(noId.path("text").asText()).contains("`/selfhost mute HW-2026-0042`");

        MattermostBot.Command mine = bot.newCommand("mute " + id.toLowerCase(java.util.Locale.ROOT));
        assertThat(bot.command(mine).statusCode()).isEqualTo(200);
        JsonNode answer = bot.mattermost.awaitReply(mine.responseUrl()).json();
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText()).startsWith("Muted " + id + ": I won't post here when it is re-checked");

        importHalfPrice();
        watch.runOnce();
        bot.awaitQuiet();
        // superseded (its page says so), but quietly
        assertThat(hostwise.store().supersededBy(id)).hasSize(1);
        assertThat(notices(id)).isEmpty();
    }

    @Test
    void theMuteButtonUnderTheVerdictMutesItForTheAsker() throws Exception {
        Call post = askAndAwaitVerdict();
        String id = hostwise.store().recentVerdicts(1).get(0).id();

        String trigger = bot.mattermost.newTrigger();
        HttpResponse<String> click = bot.click(post, postId(post), "Mute updates", trigger);
        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(MattermostBot.json(click.body()).path("ephemeral_text").asText()).isEqualTo("Muting updates for " + id
                + "; I'll confirm in a direct message.");
        // the same click delivered again mutes once and says nothing more
        assertThat(MattermostBot.json(bot.click(post, postId(post), "Mute updates", trigger).body()).size()).isZero();
        bot.awaitQuiet();
        List<Call> confirmations = bot.mattermost.calls(POSTS).stream()
                .filter(c -> c.json().path("message").asText().startsWith("Muted " + id)).toList();
        assertThat(confirmations).singleElement().satisfies(c ->
                assertThat(c.json().path("channel_id").asText()).isEqualTo("dm0" + MattermostBot.USER));
        assertThat(hostwise.store().watch().muted(id)).isTrue();

        importHalfPrice();
        watch.runOnce();
        bot.awaitQuiet();
        assertThat(hostwise.store().supersededBy(id)).hasSize(1);
        assertThat(notices(id)).isEmpty();
    }

    @Test
    void adminsFindPoolsWithTheCommandAndOthersAreTurnedAway() throws Exception {
        for (String channel : new String[] {"chanA", "chanB", "chanC", "chanD"}) {
            hostwise.decideFor(hostwise.reader().fromText(Map.of("requestsPerDay", "60000", "throughputMeasured", "true",
                    "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE")),
                    Requester.chat(Platform.MATTERMOST, MattermostBot.TEAM, channel, "user-" + channel));
        }
        JsonNode refused = MattermostBot.json(bot.command("pool").body());
        assertThat(refused.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(refused.path("text").asText()).startsWith("Only Hostwise admins can look for pools");

        MattermostBot.Command c = bot.newCommand("pool");
        JsonNode ack = MattermostBot.json(bot.command(c, MattermostBot.COMMAND_TOKEN, MattermostBot.ADMIN).body());
        assertThat(ack.path("text").asText()).startsWith("Looking for teams whose demand would clear the break-even together");
        JsonNode answer = bot.mattermost.awaitReply(c.responseUrl()).json();
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText()).startsWith("1 pool among 4 candidates")
                .contains("Pool recommended", "Together: 240,000 requests a day", MattermostBot.PAGE_BASE_URL + "/v/");
        // the pooled verdict is stored, citing its members
        assertThat(hostwise.store().recentVerdicts(1).get(0).verdict().pooledFrom()).hasSize(4);
    }

    // ---- helpers ----

    private Call askAndAwaitVerdict() throws Exception {
        assertThat(bot.command(FLIPS).statusCode()).isEqualTo(200);
        bot.awaitQuiet();
        return bot.mattermost.calls(POSTS).stream().filter(p -> p.json().path("message").asText().startsWith("#### "))
                .findFirst().orElseThrow();
    }

    private List<Call> notices(String oldId) {
        return bot.mattermost.calls(POSTS).stream()
                .filter(p -> p.json().path("message").asText().startsWith(oldId + " is superseded by")).toList();
    }

    private static String postId(Call post) {
        return post.answerJson().path("id").asText();
    }

    /** LiteLLM's price file (the real format) with GPT-4.1 mini at half its price, imported and activated through the gate. */
    private void importHalfPrice() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode prices = (ObjectNode) json.readTree(Path.of("..", "knowledge", "src", "test", "resources", "litellm",
                "model_prices_and_context_window.sample.json").toFile());
        ObjectNode mini = (ObjectNode) prices.get("gpt-4.1-mini");
        mini.put("input_cost_per_token", 2e-07);
        mini.put("output_cost_per_token", 8e-07);
        Path file = tmp.resolve("model_prices_and_context_window.json");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), prices);
        assertThat(cli("catalog", "import-prices", file.toString(), "--as-of", "2027-01-15", "--write")).isZero();
        assertThat(hostwise.reloader().reload("test").activated()).isTrue();
    }

    private int cli(String... args) {
        CommandLine cl = HostwiseCli.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        assertThat(code).as("hostwise %s\n%s%s", String.join(" ", args), out, err).isLessThanOrEqualTo(2);
        return code;
    }
}
