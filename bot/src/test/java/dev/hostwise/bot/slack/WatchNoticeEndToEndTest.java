package dev.hostwise.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.cli.HostwiseCli;
import dev.hostwise.bot.slack.SlackApiStandIn.Call;
import dev.hostwise.bot.slack.SlackApiStandIn.Reply;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.bot.watch.Watch;
import dev.hostwise.bot.watch.WatchSettings;
import dev.hostwise.rules.facts.Recommendation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
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
 * The whole loop, end to end: a verdict asked in Slack is posted in its channel; later an admin imports
 * LiteLLM prices into the catalog directory; the reload gate activates them; the watch re-decides the
 * stored verdict, supersedes it, and posts exactly one notice in the verdict's thread through the
 * Slack Web API (a stand-in on loopback).
 */
class WatchNoticeEndToEndTest {

    private static final String POSTED_TS = "1764450000.424242";

    @TempDir
    Path tmp;
    private Path catalog;
    private Env env;
    private Hostwise hostwise;
    private SlackBot bot;
    private Watch watch;

    @BeforeEach
    void start() throws Exception {
        catalog = tmp.resolve("catalog");
        env = new Env(Map.of("HOSTWISE_DATA_DIR", tmp.resolve("data").toString(), "HOSTWISE_CATALOG_DIR", catalog.toString()));
        assertThat(cli("catalog", "export", catalog.toString())).isZero();
        hostwise = Hostwise.start(env, Optional.empty(), Clock.systemUTC());
        hostwise.reloader().watch(List.of(catalog), Duration.ofMillis(200));
        bot = SlackBot.start(hostwise);
        // the server wires it the same way: notices go through each chat surface's delivery
        watch = new Watch(hostwise, WatchSettings.from(env).withEvery(Duration.ofHours(1)),
                () -> Map.of(Platform.SLACK, bot.module.delivery().orElseThrow()), SlackBot.PAGE_BASE_URL);
        watch.start();
    }

    @AfterEach
    void stop() {
        watch.close();
        bot.close();
        hostwise.close();
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

    /** LiteLLM's price file (the real format) with GPT-4.1 mini at half its price. */
    private Path halfPriceMini() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode prices = (ObjectNode) json.readTree(Path.of("..", "knowledge", "src", "test", "resources", "litellm",
                "model_prices_and_context_window.sample.json").toFile());
        ObjectNode mini = (ObjectNode) prices.get("gpt-4.1-mini");
        mini.put("input_cost_per_token", 2e-07);
        mini.put("output_cost_per_token", 8e-07);
        Path file = tmp.resolve("model_prices_and_context_window.json");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), prices);
        return file;
    }

    private List<Call> notices() {
        return bot.slack.calls("chat.postMessage").stream().filter(c -> POSTED_TS.equals(c.params().get("thread_ts"))).toList();
    }

    @Test
    void aPriceImportThatFlipsAVerdictSupersedesItAndPostsOneNoticeInItsThread() throws Exception {
        bot.slack.script("chat.postMessage", Reply.ok("{\"ok\":true,\"channel\":\"" + SlackBot.CHANNEL + "\",\"ts\":\"" + POSTED_TS + "\"}"));
        bot.command("1000000/day task=classification quality=good_enough privacy=in_house model=gpt-4.1-mini input=900 output=300");
        bot.awaitQuiet();
        Call posted = bot.slack.await("chat.postMessage");
        assertThat(posted.params()).containsEntry("channel", SlackBot.CHANNEL).doesNotContainKey("thread_ts");
        StoredVerdict old = hostwise.store().recentVerdicts(1).get(0);
        assertThat(old.verdict().recommendation()).isEqualTo(Recommendation.MEASURE_FIRST);
        assertThat(posted.params().get("text")).contains(old.id());

        assertThat(cli("catalog", "import-prices", halfPriceMini().toString(), "--as-of", "2027-01-15", "--write")).isZero();

        // the gate activates the catalog, the watch re-decides and posts in the verdict's thread
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (notices().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(notices()).as("a notice in the verdict's thread").hasSize(1);
        Call notice = notices().get(0);
        assertThat(notice.params()).containsEntry("channel", SlackBot.CHANNEL);
        StoredVerdict successor = hostwise.store().byId(hostwise.store().supersededBy(old.id()).get(0).id()).orElseThrow();
        assertThat(successor.verdict().recommendation()).isEqualTo(Recommendation.HOSTED_API);
        assertThat(successor.verdict().catalogDate()).hasToString("2027-01-15");
        assertThat(notice.params().get("text")).startsWith(old.id() + " is superseded by " + successor.id()
                + ": Measure first → Stay on the hosted API. Why: inputs changed: catalog of ")
                .contains("GPT-4.1 mini input $0.40 → $0.20 per 1M", SlackBot.PAGE_BASE_URL + "/v/" + successor.linkToken());
        assertThat(successor.supersedeReason()).get().asString().startsWith("inputs changed: catalog of ");

        // later runs, and the next change, never notify again for this one
        watch.runOnce();
        hostwise.inputsChanged("evidence:test", "a test's evidence import");
        watch.runOnce();
        bot.awaitQuiet();
        assertThat(notices()).hasSize(1);
        assertThat(hostwise.store().supersededBy(old.id())).hasSize(1);
    }
}
