package dev.hostwise.bot.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.conversation.Reply;
import dev.hostwise.bot.conversation.RetryPolicy;
import dev.hostwise.bot.conversation.Sent;
import dev.hostwise.bot.mattermost.MattermostApiStandIn.Call;
import dev.hostwise.bot.mattermost.api.MattermostApi;
import dev.hostwise.bot.mattermost.api.ReplyLinks;
import dev.hostwise.bot.mattermost.callback.CallbackSeal;
import dev.hostwise.bot.mattermost.delivery.ChartThread;
import dev.hostwise.bot.mattermost.delivery.MattermostOutlet;
import dev.hostwise.bot.mattermost.render.VerdictPost;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.rules.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The outlet against the stand-in: posts that would be too long, and a reply link's five uses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MattermostOutletTest {

    private static final Requester ANA = Requester.chat(Platform.MATTERMOST, MattermostBot.TEAM, MattermostBot.CHANNEL, MattermostBot.USER);

    private Hostwise hostwise;
    private MattermostApiStandIn mattermost;
    private ChartThread charts;
    private MattermostApi api;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-15T09:30:00Z"));

    @BeforeAll
    void compileThePolicyOnce() {
        hostwise = Hostwise.start(dev.hostwise.bot.store.StoreFixture.freshH2(), Optional.empty(), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        hostwise.close();
    }

    @BeforeEach
    void startTheStandIn() throws Exception {
        mattermost = new MattermostApiStandIn(MattermostBot.BOT_TOKEN);
        api = new MattermostApi(HttpClient.newHttpClient(), mattermost.url(), MattermostBot.BOT_TOKEN,
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)), new SimpleMeterRegistry());
        charts = new ChartThread(api);
    }

    @AfterEach
    void stopTheStandIn() {
        charts.close();
        mattermost.close();
    }

    private MattermostOutlet outlet(ReplyLinks links) {
        return new MattermostOutlet(api, links, new VerdictPost(MattermostBot.PAGE_BASE_URL, "https://hostwise.example.com/mattermost/action",
                new CallbackSeal(MattermostBot.BOT_TOKEN), id -> Optional.of("ana")), charts, Optional::empty);
    }

    @Test
    void aVerdictTooLongForOnePostIsCutAtALineAndLinksToItsPage() throws Exception {
        Verdict real = hostwise.decide(scenario());
        // four hundred caveats of about a hundred characters: twice what a post holds
        List<String> caveats = new ArrayList<>(real.caveats());
        IntStream.range(0, 400).forEach(i -> caveats.add("Caveat " + i + ": a figure this verdict rests on should be checked "
                + "against a load test of your own prompts."));
        Verdict longOne = new Verdict(real.id(), real.createdAt(), real.recommendation(), real.conditions(), real.figures(),
                real.sensitivity(), real.reasons(), caveats, real.firedRules(), real.rulesRevision(), real.catalogDate(), real.scenario(),
                real.probabilities(), real.pooledFrom(), real.pool(), real.pricedFromCatalog(), real.loadTest());
        RecordedVerdict recorded = new RecordedVerdict(longOne, Optional.of("tok3n"), Optional.empty());

        Sent sent = outlet(new ReplyLinks(clock, 10)).post(MattermostBot.CHANNEL, new Reply.VerdictReply(recorded, ANA, Optional.empty()));

        assertThat(sent.ok()).as(sent.problem()).isTrue();
        Call post = mattermost.await("POST /api/v4/posts");
        assertThat(post.answer().status()).isEqualTo(201);
        String message = post.json().path("message").asText();
        assertThat(message.codePointCount(0, message.length())).isLessThanOrEqualTo(16_383).isGreaterThan(15_000);
        assertThat(message).endsWith("_Cut to fit a Mattermost post: the whole verdict is at [its page]("
                + MattermostBot.PAGE_BASE_URL + "/v/tok3n)._");
        // the head is whole: the recommendation, the conditions and the table of key figures
        assertThat(message).startsWith("#### ").contains("| Key figure | Value | In the verdict JSON |", "`monthlySavings` |");
        // it is cut between lines: the last caveat kept is whole
        List<String> lines = message.lines().toList();
        assertThat(lines.get(lines.size() - 3)).matches("- Caveat \\d+: a figure this verdict rests on should be checked against a "
                + "load test of your own prompts\\.");
        // a stored verdict: adjust, math, and mute its updates
        assertThat(post.json().path("props").path("attachments").path(0).path("actions").size()).isEqualTo(3);
    }

    @Test
    void aReplyLinkTakesFivePostsAndHalfAnHourAsMattermostAllows() throws Exception {
        ReplyLinks links = new ReplyLinks(clock, 10);
        MattermostOutlet outlet = outlet(links);
        String url = mattermost.newResponseUrl();
        links.arrived(url);
        for (int i = 0; i < 5; i++) {
            assertThat(outlet.replyLink(url, new Reply.Notice("test", "note " + i), false).ok()).isTrue();
        }
        Sent sixth = outlet.replyLink(url, new Reply.Notice("test", "one too many"), false);
        assertThat(sixth.ok()).isFalse();
        assertThat(sixth.problem()).contains("used 5 times");
        assertThat(mattermost.calls("response_url")).hasSize(5);

        String older = mattermost.newResponseUrl();
        links.arrived(older);
        clock.advance(Duration.ofMinutes(31));
        assertThat(outlet.replyLink(older, new Reply.Notice("test", "late"), false).problem()).contains("older than 30 minutes");
        assertThat(mattermost.calls("response_url")).hasSize(5);
    }

    @Test
    void noticesReadInMattermostsMarkdown() throws Exception {
        String url = mattermost.newResponseUrl();
        outlet(new ReplyLinks(clock, 10)).replyLink(url, new Reply.Notice("x", "Press *Adjust inputs* and *Decide*; `a*b*c` stays."), false);
        assertThat(mattermost.awaitReply(url).json().path("text").asText())
                .isEqualTo("Press **Adjust inputs** and **Decide**; `a*b*c` stays.");
    }

    private Scenario scenario() {
        return hostwise.reader().fromText(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
    }

    /** A clock a test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
