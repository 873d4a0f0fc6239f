package dev.hostwise.bot.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.LogCapture;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.conversation.QuickForm;
import dev.hostwise.bot.mattermost.MattermostApiStandIn.Call;
import dev.hostwise.bot.mattermost.MattermostApiStandIn.Reply;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.rules.Verdict;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Mattermost surface end to end, over real HTTP on loopback: the slash command, dialog submissions and
 * button clicks in as Mattermost sends them; REST calls out to a stand-in that checks them as Mattermost does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MattermostEndToEndTest {

    private static final String POSTS = "POST /api/v4/posts";
    private static final String OPEN = "POST /api/v4/actions/dialogs/open";
    private static final String FILES = "POST /api/v4/files";
    private static final Pattern VERDICT_ID = Pattern.compile("HW-\\d{4}-\\d{4}");

    /** The README's scenario: hosted API wins on volume, although quality and privacy hold. */
    private static final Map<String, Object> README_SCENARIO = Map.of(
            "requestsPerDay", 100000, "taskType", "CLASSIFICATION",
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

    // ---- the conversation ----

    @Test
    void theCommandOpensTheDialogWithEveryFieldTheSlackModalAsks() throws Exception {
        MattermostBot.Command c = bot.newCommand("");
        HttpResponse<String> ack = bot.command(c);

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(MattermostBot.json(ack.body()).size()).as("nothing shown in the channel").isZero();
        Call open = bot.mattermost.await(OPEN);
        assertThat(open.authorization()).isEqualTo("Bearer " + MattermostBot.BOT_TOKEN);
        JsonNode req = open.json();
        assertThat(req.path("trigger_id").asText()).isEqualTo(c.trigger());
        assertThat(req.path("url").asText()).isEqualTo(bot.settings.callbackUrl() + "/mattermost/dialog");
        JsonNode dialog = req.path("dialog");
        assertThat(dialog.path("callback_id").asText()).isEqualTo("hostwise_scenario");
        assertThat(dialog.path("submit_label").asText()).isEqualTo("Decide");
        Map<String, JsonNode> elements = elements(dialog);
        for (FieldMetadata m : FieldMetadata.ALL) {
            if (!m.inChatForms()) {
                // as in the Slack modal: ranges stay in JSON, the API, the CLI and the web form
                assertThat(elements).as(m.field().json()).doesNotContainKey(m.field().json());
                continue;
            }
            JsonNode e = elements.get(m.field().json());
            assertThat(e).as("an element for " + m.field().json()).isNotNull();
            switch (m.widget()) {
                case NUMBER -> assertThat(e.path("type").asText() + "/" + e.path("subtype").asText()).isEqualTo("text/number");
                case NUMBERS -> assertThat(e.path("type").asText()).isEqualTo("textarea");
                case SELECT, RADIO -> assertThat(e.path("type").asText()).isEqualTo("select");
                case CHECKBOX -> assertThat(e.path("type").asText()).isEqualTo("bool");
            }
            assertThat(e.path("optional").asBoolean()).as(m.field().json() + " optional").isEqualTo(!m.field().required()
                    || m.widget() == FieldMetadata.Widget.CHECKBOX);
        }
        // choices come with their answers; the catalog's pickers with the catalog's
        assertThat(elements.get("taskType").path("options")).extracting(o -> o.path("value").asText()).contains("CLASSIFICATION", "RAG_QA");
        assertThat(elements.get("gpuType").path("options").size()).isEqualTo(hostwise.catalog().gpus().size());
        // the cost assumptions are pre-filled with the catalog defaults; prices a pick fills in start empty
        assertThat(elements.get("opsCostPerMonth").path("default").asText()).isEqualTo("12000");
        assertThat(elements.get("utilization").path("default").asText()).isEqualTo("0.3");
        assertThat(elements.get("pricingMode").path("default").asText()).isEqualTo("ON_DEMAND");
        assertThat(elements.get("gpuDollarsPerHour").has("default")).isFalse();
        assertThat(elements.get("gpuDollarsPerHour").path("placeholder").asText()).contains("GPU type's catalog price", "1.2");
        // long labels are shortened to Mattermost's 24 characters and given whole in the help text
        JsonNode rps = elements.get("requestsPerSecond");
        assertThat(rps.path("display_name").asText()).isEqualTo("Throughput per replica");
        assertThat(rps.path("help_text").asText()).startsWith("Throughput per replica, requests per second.");
    }

    @Test
    void aBadSubmissionGetsFieldErrorsThenAGoodOnePostsTheVerdictWithButtonsAndCharts() throws Exception {
        bot.command("");
        Call open = bot.mattermost.await(OPEN);
        Map<String, Object> answers = new HashMap<>(README_SCENARIO);
        answers.put("requestsPerDay", "lots");
        answers.put("utilization", 1.5);

        HttpResponse<String> refused = bot.submit(open, answers, MattermostBot.USER);

        assertThat(refused.statusCode()).isEqualTo(200);
        JsonNode errors = MattermostBot.json(refused.body()).path("errors");
        assertThat(errors.fieldNames()).toIterable().containsExactlyInAnyOrder("requestsPerDay", "utilization");
        assertThat(errors.path("requestsPerDay").asText()).isEqualTo("'lots' is not a number: a positive number of requests per day, e.g. 50000");
        assertThat(errors.path("utilization").asText()).contains("1.5 is above the limit of 1", "a fraction above 0 and at most 1");
        bot.awaitQuiet();
        assertThat(bot.mattermost.calls(POSTS)).isEmpty();

        // fixed, the same dialog goes through: the dialog closes, the verdict is posted as the bot
        HttpResponse<String> decided = bot.submit(open, README_SCENARIO, MattermostBot.USER);
        assertThat(decided.statusCode()).isEqualTo(200);
        assertThat(MattermostBot.json(decided.body()).size()).isZero();
        Call post = bot.mattermost.await(POSTS);
        assertThat(post.authorization()).isEqualTo("Bearer " + MattermostBot.BOT_TOKEN);
        assertThat(post.json().path("channel_id").asText()).isEqualTo(MattermostBot.CHANNEL);
        String message = post.json().path("message").asText();
        Verdict v = stored(message).verdict();
        assertThat(message).startsWith("#### Stay on the hosted API\n");
        // the conditions come from the verdict: one line each, in its order, none hard-coded
        assertThat(message).contains("**The " + dev.hostwise.bot.render.PolicyWords.count(v.conditions().size()) + " conditions**");
        assertThat(message.lines().filter(l -> l.startsWith("- ✅") || l.startsWith("- ❌"))).hasSize(v.conditions().size());
        assertThat(message).contains("- ❌ **Volume**", "- ✅ **Quality**", "- ✅ **Privacy**");
        assertThat(message).contains("| Key figure | Value | In the verdict JSON |",
                "| Hosted API per request | $0.00240 | `hostedPerRequest` |",
                "| Self-host per day, all-in | $428.80 | `selfHostPerDay` |",
                "| Break-even with ops | 7,853 req/h | `breakEvenWithOpsRequestsPerHour` |",
                "| Monthly saving from self-hosting | -$5,664.00 | `monthlySavings` |");
        assertThat(message).contains("**Caveats**", "**What would flip the cost case**");
        assertThat(message).contains("**" + v.id() + "** · rules `" + v.rulesRevision() + "`", "asked by @ana",
                "[Cite / open](" + MattermostBot.PAGE_BASE_URL + "/v/");
        JsonNode actions = post.json().path("props").path("attachments").path(0).path("actions");
        assertThat(actions).extracting(a -> a.path("name").asText()).containsExactly("Adjust inputs", "Show the math", "Mute updates");
        assertThat(actions).allSatisfy(a -> {
            assertThat(a.path("type").asText()).isEqualTo("button");
            assertThat(a.path("integration").path("url").asText()).isEqualTo(bot.settings.callbackUrl() + "/mattermost/action");
            assertThat(a.path("integration").path("context").path("seal").asText()).isNotEmpty();
        });
        StoredVerdict stored = stored(message);
        assertThat(stored.requester().platform()).isEqualTo(Platform.MATTERMOST);
        assertThat(stored.requester().workspace()).isEqualTo(MattermostBot.TEAM);
        assertThat(stored.requester().conversation()).isEqualTo(MattermostBot.CHANNEL);
        assertThat(stored.requester().user()).isEqualTo(MattermostBot.USER);

        // the charts follow in the verdict's thread: both files uploaded to the channel, then attached to a reply
        Call upload = bot.mattermost.await(FILES);
        assertThat(upload.parts().get("channel_id").get(0).bytes()).asString().isEqualTo(MattermostBot.CHANNEL);
        assertThat(upload.parts().get("files")).extracting(MattermostApiStandIn.Part::filename)
                .containsExactly(v.id() + "-break-even.png", v.id() + "-tornado.png");
        assertThat(upload.parts().get("files")).allSatisfy(f -> {
            assertThat(f.contentType()).isEqualTo("image/png");
            assertThat(f.bytes().length).isGreaterThan(5_000);
        });
        Call charts = bot.mattermost.await(POSTS, 2).get(1);
        assertThat(charts.json().path("root_id").asText()).isEqualTo(postId(post));
        assertThat(charts.json().path("file_ids").size()).isEqualTo(2);

        // and the verdict's own button replies in its thread
        assertThat(bot.click(post, postId(post), "Show the math", bot.mattermost.newTrigger()).statusCode()).isEqualTo(200);
        Call math = awaitPostWhere(p -> p.json().path("message").asText().startsWith("#### The math behind " + v.id()));
        assertThat(math.json().path("root_id").asText()).isEqualTo(postId(post));
    }

    @Test
    void showTheMathRepliesInTheThreadAndAdjustInputsReopensTheDialogPrefilled() throws Exception {
        bot.command("50000/day task=classification quality=good_enough privacy=in_house tokens=800 gpu=1.2 rps=4 measured");
        Call post = bot.mattermost.await(POSTS);
        String verdictPost = postId(post);
        Verdict v = stored(post.json().path("message").asText()).verdict();

        HttpResponse<String> math = bot.click(post, verdictPost, "Show the math", bot.mattermost.newTrigger());
        assertThat(math.statusCode()).isEqualTo(200);
        Call reply = awaitPostWhere(p -> p.json().path("message").asText().startsWith("#### The math behind " + v.id()));
        assertThat(reply.json().path("root_id").asText()).isEqualTo(verdictPost);
        assertThat(reply.json().path("channel_id").asText()).isEqualTo(MattermostBot.CHANNEL);
        assertThat(reply.json().path("message").asText()).contains("| Figure | Value | Formula | In the verdict JSON |",
                "`hostedPerRequest`", "- Requests per day: 50000 `requestsPerDay`");

        String trigger = bot.mattermost.newTrigger();
        HttpResponse<String> adjust = bot.click(post, verdictPost, "Adjust inputs", trigger);
        assertThat(adjust.statusCode()).isEqualTo(200);
        Call open = bot.mattermost.await(OPEN);
        assertThat(open.json().path("trigger_id").asText()).isEqualTo(trigger);
        Map<String, JsonNode> elements = elements(open.json().path("dialog"));
        assertThat(elements.get("requestsPerDay").path("default").asText()).isEqualTo("50000");
        assertThat(elements.get("tokensPerRequest").path("default").asText()).isEqualTo("800");
        assertThat(elements.get("requestsPerSecond").path("default").asText()).isEqualTo("4");
        assertThat(elements.get("taskType").path("default").asText()).isEqualTo("CLASSIFICATION");
        assertThat(elements.get("throughputMeasured").path("default").asText()).isEqualTo("true");
        assertThat(elements.get("gpuDollarsPerHour").path("default").asText()).isEqualTo("1.2");

        // submitted as it is, the adjusted dialog decides again: a second verdict, with the same inputs
        bot.submit(open, Map.of("requestsPerDay", 60000, "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH",
                "privacyNeed", "MUST_STAY_IN_HOUSE", "throughputMeasured", true, "requestsPerSecond", 4), MattermostBot.USER);
        Call second = awaitPostWhere(p -> p != post && p.json().path("message").asText().startsWith("####")
                && !p.json().path("message").asText().startsWith("#### The math"));
        assertThat(stored(second.json().path("message").asText()).verdict().scenario().requestsPerDay()).isEqualTo(60000);
    }

    @Test
    void theQuickFormDecidesAtOnceAndABadOneGetsTheSameMessageAsOnSlack() throws Exception {
        HttpResponse<String> ack = bot.command("50000/day task=classification quality=good_enough privacy=in_house");
        assertThat(ack.statusCode()).isEqualTo(200);
        Call post = bot.mattermost.await(POSTS);
        assertThat(post.json().path("message").asText()).contains("**The ", " conditions**", "| Key figure |");

        String typo = "50000/day task=poetry qualty=good_enough privacy=in_house";
        HttpResponse<String> bad = bot.command(typo);
        JsonNode answer = MattermostBot.json(bad.body());
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        // the core reads the one-line form for every platform: the same grammar, the same words
        String expected = ((dev.hostwise.bot.conversation.Conversation.QuickAnswer.NotUnderstood)
                conversationOf().readQuickForm(typo)).reply();
        assertThat(answer.path("text").asText()).isEqualTo(expected).contains("`qualty` is not a key I know", "did you mean `quality`");
        bot.awaitQuiet();
        assertThat(bot.mattermost.calls(POSTS)).hasSize(1 + bot.mattermost.calls(FILES).size());
    }

    @Test
    void helpListsEveryKeyAndAVerdictIsLookedUpByItsId() throws Exception {
        JsonNode help = MattermostBot.json(bot.command("help").body());
        assertThat(help.path("response_type").asText()).isEqualTo("ephemeral");
        String text = help.path("text").asText();
        assertThat(text).contains("**Self-host only when all " + dev.hostwise.bot.render.PolicyWords.count(
                hostwise.decider().activePolicy().conditions().size()) + " hold at once:**");
        for (FieldMetadata m : FieldMetadata.withQuickKeys()) {
            assertThat(text).contains("`" + m.quickKey().get().example() + "`");
        }
        assertThat(text.codePointCount(0, text.length())).isLessThanOrEqualTo(MattermostApiStandIn.POST_MAX_RUNES);

        bot.command("50000/day task=classification quality=good_enough privacy=in_house");
        Verdict v = stored(bot.mattermost.await(POSTS).json().path("message").asText()).verdict();
        MattermostBot.Command lookup = bot.newCommand("verdict " + v.id().toLowerCase(java.util.Locale.ROOT));
        assertThat(MattermostBot.json(bot.command(lookup).body()).size()).isZero();
        JsonNode shown = bot.mattermost.awaitReply(lookup.responseUrl()).json();
        assertThat(shown.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(shown.path("text").asText()).contains(v.id(), "Cite / open");
        MattermostBot.Command missing = bot.newCommand("verdict HW-1999-0001");
        bot.command(missing);
        assertThat(bot.mattermost.awaitReply(missing.responseUrl()).json().path("text").asText()).contains("There is no verdict HW-1999-0001");
        assertThat(MattermostBot.json(bot.command("verdict 42").body()).path("text").asText()).contains("Give the verdict's ID");
        assertThat(MattermostBot.json(bot.command("rules").body()).path("text").asText())
                .contains("**Active rules revision** `" + hostwise.decider().activePolicy().revision() + "`");
        assertThat(MattermostBot.json(bot.command("reload").body()).path("text").asText()).contains("Only Hostwise admins");
        MattermostBot.Command reload = bot.newCommand("reload");
        assertThat(MattermostBot.json(bot.command(reload, MattermostBot.COMMAND_TOKEN, MattermostBot.ADMIN).body())
                .path("text").asText()).contains("Checking the rules");
        assertThat(bot.mattermost.awaitReply(reload.responseUrl()).json().path("text").asText()).contains("is already active");
    }

    // ---- fallbacks ----

    @Test
    void aPostThatFailsGoesToTheCommandsReplyLinkSayingWhy() throws Exception {
        bot.mattermost.notAMemberOf(MattermostBot.CHANNEL);
        MattermostBot.Command c = bot.newCommand("50000/day task=classification quality=good_enough privacy=in_house");
        bot.command(c);
        JsonNode reply = bot.mattermost.awaitReply(c.responseUrl()).json();
        assertThat(reply.path("response_type").asText()).isEqualTo("in_channel");
        assertThat(reply.path("skip_slack_parsing").asBoolean()).isTrue();
        assertThat(reply.path("text").asText()).startsWith("#### ").contains("I couldn't post in this channel myself",
                "api.context.permissions.app\\_error", "/invite @" + MattermostApiStandIn.BOT_USER_NAME);
        // a stored verdict: adjust, math, and mute its updates
        assertThat(reply.path("attachments").path(0).path("actions").size()).isEqualTo(3);
    }

    @Test
    void whenTheReplyLinkIsSpentTooTheVerdictComesAsADirectMessage() throws Exception {
        bot.mattermost.notAMemberOf(MattermostBot.CHANNEL);
        bot.mattermost.script("response_url", Reply.status(400));
        MattermostBot.Command c = bot.newCommand("50000/day task=classification quality=good_enough privacy=in_house");
        bot.command(c);
        Call dm = bot.mattermost.await("POST /api/v4/channels/direct");
        assertThat(dm.json()).extracting(JsonNode::asText).containsExactly(MattermostApiStandIn.BOT_USER_ID, MattermostBot.USER);
        Call post = awaitPostWhere(p -> p.json().path("channel_id").asText().startsWith("dm0"));
        assertThat(post.json().path("message").asText()).contains("here it is as a direct message");
    }

    // ---- helpers ----

    private dev.hostwise.bot.conversation.Conversation conversationOf() {
        return new dev.hostwise.bot.conversation.Conversation(hostwise, Platform.MATTERMOST, null,
                new dev.hostwise.bot.conversation.BoundedWorkQueue("mattermost-test", 1, 1, java.time.Duration.ofMillis(1),
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
                new dev.hostwise.bot.conversation.RememberedRequestKeys(10), 1);
    }

    static Map<String, JsonNode> elements(JsonNode dialog) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        dialog.path("elements").forEach(e -> out.put(e.path("name").asText(), e));
        return out;
    }

    /** The ID Mattermost gave the post. */
    private static String postId(Call post) {
        return post.answerJson().path("id").asText();
    }

    private StoredVerdict stored(String message) {
        Matcher m = VERDICT_ID.matcher(message);
        assertThat(m.find()).as("a verdict ID in " + message).isTrue();
        return hostwise.store().byId(m.group()).orElseThrow();
    }

    private Call awaitPostWhere(java.util.function.Predicate<Call> which) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (Call c : bot.mattermost.calls(POSTS)) {
                if (which.test(c)) {
                    return c;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such post; posts: " + bot.mattermost.calls(POSTS).stream().map(c -> c.json().path("message")
                .asText().lines().findFirst().orElse("")).toList());
    }
}
