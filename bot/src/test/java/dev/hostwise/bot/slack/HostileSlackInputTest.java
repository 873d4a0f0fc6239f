package dev.hostwise.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.fuzz.HostileInputs;
import dev.hostwise.bot.slack.blocks.SlackIds;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.ScenarioField;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated hostile Slack traffic, signed as Slack signs it, against the real server on loopback with the
 * real store: slash commands with generated one-line forms, view submissions whose inputs and private
 * metadata are generated, and button clicks with generated values. Every request is answered 200 (the
 * user sees an answer or an inline error, never Slack's "didn't respond"), nothing refused is stored,
 * and the user's words come back escaped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSlackInputTest {

    private static final long SEED = 20261201L;

    @TempDir
    static Path dataDir;

    private Hostwise hostwise;
    private SlackBot bot;
    private JsonObject openedView;

    @BeforeAll
    void start() throws Exception {
        hostwise = Hostwise.start(new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString())), Optional.empty(), Clock.systemUTC());
        bot = SlackBot.start(hostwise);
        bot.command("");
        openedView = bot.slack.await("views.open").json("view").getAsJsonObject();
    }

    @AfterAll
    void stop() {
        bot.close();
        hostwise.close();
    }

    @Test
    void slashCommandsWithGeneratedTextAreAnsweredAndNothingRefusedIsStored() throws Exception {
        AtomicInteger n = new AtomicInteger();
        List<String> refusedUsers = new ArrayList<>();
        List<String> acceptedUsers = new ArrayList<>();
        qt().withFixedSeed(SEED).withExamples(60).withShrinkCycles(20).forAll(HostileInputs.quickForm())
                .checkAssert(text -> {
                    String user = "UCMD" + n.incrementAndGet();
                    Map<String, String> form = new LinkedHashMap<>();
                    form.put("team_id", SlackBot.TEAM);
                    form.put("channel_id", "CCMD" + n.get());
                    form.put("user_id", user);
                    form.put("command", "/selfhost");
                    // Slack escapes &, < and > in command text
                    form.put("text", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
                    form.put("response_url", bot.slack.responseUrl("fuzz/" + user));
                    form.put("trigger_id", "fuzz." + user);
                    HttpResponse<String> r = unchecked(() -> send(SlackBot.encode(form)));
                    assertThat(r.statusCode()).as(text).isEqualTo(200);
                    if (r.body().isEmpty()) {
                        acceptedUsers.add(user);
                    } else {
                        JsonObject answer = JsonParser.parseString(r.body()).getAsJsonObject();
                        assertThat(answer.get("response_type").getAsString()).isEqualTo("ephemeral");
                        String said = answer.get("text").getAsString();
                        assertThat(said.length()).as(text).isLessThanOrEqualTo(3000);
                        // nothing the user typed comes back as a live mention or link
                        assertThat(said).as(text).doesNotContain("<!channel>", "<@U0ASKER>", "<https://evil");
                        refusedUsers.add(user);
                    }
                });
        bot.awaitQuiet();
        assertThat(refusedUsers).isNotEmpty();
        assertThat(acceptedUsers).isNotEmpty();
        for (String user : refusedUsers) {
            assertThat(hostwise.store().recentBy(Platform.SLACK, user, 5)).as(user).isEmpty();
        }
        // every accepted command got one answer: a verdict, or a notice (a fleet past the bound is found when deciding)
        int answered = bot.slack.calls("chat.postMessage").size() + bot.slack.calls("response_url").size();
        assertThat(answered).isGreaterThanOrEqualTo(acceptedUsers.size());
        assertThat(bot.slack.calls("response_url")).allSatisfy(c -> assertThat(c.body()).doesNotContain("Exception"));
    }

    @Test
    void aScenarioRefusedOnlyOnceItsThroughputIsEstimatedGetsAnEscapedNoticeAndNothingIsStored() throws Exception {
        // the form reads fine; the estimate (llama-3.1-8b on a B200 writing 100,000 tokens a request) makes the fleet too big
        String trigger = "fuzz.fleet";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("team_id", SlackBot.TEAM);
        form.put("channel_id", "CFLEET");
        form.put("user_id", "UFLEET");
        form.put("command", "/selfhost");
        form.put("text", "1e12/day task=classification quality=good_enough privacy=none peak=1000 open-model=llama-3.1-8b"
                + " gpu-type=b200 input=0 output=100000 latency=1000000");
        form.put("response_url", bot.slack.responseUrl("fleet"));
        form.put("trigger_id", trigger);
        assertThat(send(SlackBot.encode(form)).body()).isEmpty();
        String notice = bot.slack.awaitReply("fleet").body();
        assertThat(notice).contains("\"response_type\":\"ephemeral\"", "I couldn't decide that scenario", "the volume (`NNN/day`)",
                "replicas, above the limit of 1,000,000,000").doesNotContain("Exception");
        bot.awaitQuiet();
        assertThat(hostwise.store().recentBy(Platform.SLACK, "UFLEET", 5)).isEmpty();
    }

    @Test
    void signedBodiesThatDoNotParseAreRefusedWithA400AndNothingIsDecided() throws Exception {
        String command = "team_id=" + SlackBot.TEAM + "&channel_id=CESC&user_id=UESC&command=%2Fselfhost"
                + "&text=50000%2Fday+util%3D100%zz&response_url=" + java.net.URLEncoder.encode(bot.slack.responseUrl("escape"),
                java.nio.charset.StandardCharsets.UTF_8) + "&trigger_id=fuzz.escape";
        for (String body : List.of(command, "payload=not+json+at+all", "payload=%5B1%2C2%5D", "payload=%7B%22type%22%3A%22block_actions%22",
                "payload=%7B%7D&x=%zz", "{\"type\":\"event_callback\"}")) {
            HttpResponse<String> r = send(body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).contains("not a Slack request Hostwise understands").doesNotContain("Exception");
        }
        bot.awaitQuiet();
        assertThat(hostwise.store().recentBy(Platform.SLACK, "UESC", 5)).isEmpty();
        assertThat(bot.slack.calls("response_url")).noneMatch(c -> c.path().contains("escape"));
    }

    @Test
    void viewSubmissionsWithGeneratedInputsAndMetadataGetInlineErrorsOrAVerdict() throws Exception {
        AtomicInteger n = new AtomicInteger();
        List<String> refusedUsers = new ArrayList<>();
        qt().withFixedSeed(SEED).withExamples(50).withShrinkCycles(20)
                .forAll(HostileInputs.typedValues(), HostileInputs.anyText())
                .checkAssert((values, metadata) -> {
                    String user = "UVIEW" + n.incrementAndGet();
                    // typed text goes into the text inputs; a select keeps the option it shows
                    Map<String, String> answers = new HashMap<>();
                    values.forEach((k, v) -> ScenarioField.byJson(k).filter(f -> FieldMetadata.of(f).widget() == FieldMetadata.Widget.NUMBER
                            || FieldMetadata.of(f).widget() == FieldMetadata.Widget.NUMBERS).ifPresent(f -> answers.put(k, v)));
                    JsonObject payload = JsonParser.parseString(Payloads.viewSubmission(openedView, answers, "VF" + n.get()))
                            .getAsJsonObject();
                    payload.getAsJsonObject("user").addProperty("id", user);
                    payload.getAsJsonObject("view").addProperty("private_metadata", metadata);
                    HttpResponse<String> r = unchecked(() -> bot.interaction(payload.toString()));
                    assertThat(r.statusCode()).as(values + " " + metadata).isEqualTo(200);
                    if (!r.body().isEmpty()) {
                        JsonObject answer = JsonParser.parseString(r.body()).getAsJsonObject();
                        assertThat(answer.get("response_action").getAsString()).isEqualTo("errors");
                        answer.getAsJsonObject("errors").entrySet().forEach(e ->
                                assertThat(e.getValue().getAsString().length()).isLessThanOrEqualTo(300));
                        refusedUsers.add(user);
                    }
                });
        bot.awaitQuiet();
        assertThat(refusedUsers).isNotEmpty();
        for (String user : refusedUsers) {
            assertThat(hostwise.store().recentBy(Platform.SLACK, user, 5)).as(user).isEmpty();
        }
        // a smuggled second "channel" key in the metadata never sends a verdict there
        assertThat(bot.slack.calls("chat.postMessage")).noneSatisfy(c -> assertThat(c.params().get("channel")).isEqualTo("C0EVIL"));
    }

    @Test
    void buttonClicksWithGeneratedValuesAreAnswered() throws Exception {
        AtomicInteger n = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(30).forAll(HostileInputs.anyText())
                .checkAssert(value -> {
                    JsonObject action = new JsonObject();
                    action.addProperty("type", "button");
                    action.addProperty("action_id", n.incrementAndGet() % 2 == 0 ? SlackIds.ADJUST_INPUTS : SlackIds.SHOW_THE_MATH);
                    action.addProperty("block_id", SlackIds.VERDICT_ACTIONS_BLOCK);
                    action.addProperty("value", value);
                    action.addProperty("action_ts", "1764450001.000200");
                    JsonObject p = new JsonObject();
                    p.addProperty("type", "block_actions");
                    p.add("team", Payloads.team());
                    p.add("user", Payloads.user());
                    p.addProperty("api_app_id", "A0APP");
                    p.addProperty("trigger_id", "fuzz.click." + n.get());
                    p.addProperty("response_url", bot.slack.responseUrl("clicks/" + n.get()));
                    JsonObject container = new JsonObject();
                    container.addProperty("type", "message");
                    container.addProperty("message_ts", "1764450000.000100");
                    container.addProperty("channel_id", SlackBot.CHANNEL);
                    p.add("container", container);
                    JsonObject channel = new JsonObject();
                    channel.addProperty("id", SlackBot.CHANNEL);
                    p.add("channel", channel);
                    JsonArray actions = new JsonArray();
                    actions.add(action);
                    p.add("actions", actions);
                    assertThat(unchecked(() -> bot.interaction(p.toString())).statusCode()).as(value).isEqualTo(200);
                });
        bot.awaitQuiet();
    }

    private interface Request {
        HttpResponse<String> send() throws Exception;
    }

    private static HttpResponse<String> unchecked(Request r) {
        try {
            return r.send();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> send(String body) throws Exception {
        return bot.post(body, Map.of());
    }
}
