package dev.hostwise.bot.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.conversation.Delivery;
import dev.hostwise.bot.conversation.Outlet;
import dev.hostwise.bot.conversation.Reply;
import dev.hostwise.bot.conversation.Sent;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.bot.store.WatchStore;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.facts.Recommendation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch on a real embedded database, a real catalog directory through the reload gate, and the
 * real rules: a price cut flips verdicts, which are superseded once each, with one notice each, even
 * when the process stops midway (a clock that fails on cue stands in for the crash).
 */
class WatchTest {

    /** GPT-4.1 mini at 900 + 300 tokens: $840 a day at a million requests, against about $688 self-hosted. */
    private static final String FLIPS = "1000000";
    /** Far from any break-even: stays on the hosted API whatever the price of GPT-4.1 mini does. */
    private static final String STAYS = "20000";

    @TempDir
    Path tmp;
    private Path catalog;
    private FailingClock clock;
    private Hostwise hostwise;
    private RecordingOutlet outlet;
    private final List<Watch> watches = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        catalog = tmp.resolve("catalog");
        Files.createDirectories(catalog);
        for (String file : Catalog.files()) {
            Files.writeString(catalog.resolve(file), Catalog.bundledText(file));
        }
        clock = new FailingClock(Instant.parse("2027-01-10T09:00:00Z"));
        hostwise = Hostwise.start(new Env(Map.of("HOSTWISE_DATA_DIR", tmp.resolve("data").toString(),
                "HOSTWISE_CATALOG_DIR", catalog.toString())), Optional.empty(), clock);
        outlet = new RecordingOutlet();
    }

    @AfterEach
    void stop() {
        watches.forEach(Watch::close);
        hostwise.close();
    }

    private Watch watch(WatchSettings settings) {
        Watch w = new Watch(hostwise, settings, () -> Map.of(Platform.SLACK, new Delivery(outlet)), "https://hostwise.example.com");
        watches.add(w);
        return w;
    }

    private static WatchSettings settings() {
        return new WatchSettings(true, 180, Duration.ofHours(1), 2);
    }

    /** A verdict asked in a Slack channel and posted there as message {@code ts}. */
    private StoredVerdict asked(String requestsPerDay, String ts) {
        RecordedVerdict r = hostwise.decideFor(hostwise.reader().fromText(Map.of("requestsPerDay", requestsPerDay,
                "hostedModel", "gpt-4.1-mini", "inputTokens", "900", "outputTokens", "300", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE")), Requester.chat(Platform.SLACK, "T0", "C0", "U0"));
        hostwise.store().watch().rememberThread(r.verdict().id(), new WatchStore.Thread(Platform.SLACK, "C0", ts), clock.instant());
        return hostwise.store().byId(r.verdict().id()).orElseThrow();
    }

    /** Halves GPT-4.1 mini's prices in the catalog directory and activates it through the gate. */
    private void cutThePrice() throws Exception {
        Path file = catalog.resolve(Catalog.HOSTED_MODELS);
        String text = Files.readString(file);
        String before = "  - id: gpt-4.1-mini\n    name: \"GPT-4.1 mini\"\n    provider: OpenAI\n    inputPer1M: 0.40\n    outputPer1M: 1.60\n";
        assertThat(text).contains(before);
        Files.writeString(file, text.replace(before, before.replace("inputPer1M: 0.40", "inputPer1M: 0.20")
                .replace("outputPer1M: 1.60", "outputPer1M: 0.80")));
        assertThat(hostwise.reloader().reload("test").activated()).isTrue();
    }

    @Test
    void aPriceCutSupersedesEachFlippedVerdictOnceWithOneNoticeInItsThreadAndLeavesTheOthers() throws Exception {
        Watch watch = watch(settings());
        StoredVerdict flips = asked(FLIPS, "100.1");
        StoredVerdict stays = asked(STAYS, "100.2");
        assertThat(flips.verdict().recommendation()).isEqualTo(Recommendation.MEASURE_FIRST);
        cutThePrice();

        WatchRun run = watch.runOnce();

        assertThat(run.checked()).isEqualTo(2);
        assertThat(run.superseded()).isEqualTo(1);
        assertThat(run.notified()).isEqualTo(1);
        assertThat(run.reason()).contains("GPT-4.1 mini input $0.40 → $0.20 per 1M", "GPT-4.1 mini output $1.60 → $0.80 per 1M");
        StoredVerdict successor = hostwise.store().byId(hostwise.store().supersededBy(flips.id()).get(0).id()).orElseThrow();
        assertThat(successor.verdict().recommendation()).isEqualTo(Recommendation.HOSTED_API);
        assertThat(successor.supersedes()).contains(flips.id());
        assertThat(successor.supersedeReason()).get().asString().startsWith("inputs changed: catalog of ")
                .contains("GPT-4.1 mini input $0.40 → $0.20 per 1M", "Measure first → Stay on the hosted API",
                        "daily saving from self-hosting $");
        // the old verdict is untouched: same JSON, same recommendation
        assertThat(hostwise.store().byId(flips.id()).orElseThrow().verdict()).isEqualTo(flips.verdict());
        assertThat(hostwise.store().supersededBy(stays.id())).isEmpty();
        // one notice, in the flipped verdict's thread
        assertThat(outlet.posts).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("thread C0/100.1");
            assertThat(p.text()).startsWith(flips.id() + " is superseded by " + successor.id()
                    + ": Measure first → Stay on the hosted API. Why: inputs changed: ")
                    .contains("https://hostwise.example.com/v/" + successor.linkToken(), "`/selfhost mute " + successor.id() + "`");
        });
        // the successor inherits the thread, so a later notice lands in the same place
        assertThat(hostwise.store().watch().threadOf(successor.id())).get().extracting(WatchStore.Thread::thread).isEqualTo("100.1");

        // nothing changed since: another run re-checks nothing and posts nothing
        WatchRun again = watch.runOnce();
        assertThat(again.checked()).isZero();
        assertThat(outlet.posts).hasSize(1);

        // what the run did is in /metrics: totals, and per run (one run did something)
        assertThat(hostwise.metrics().scrape()).contains("hostwise_watch_checked_total 2.0", "hostwise_watch_superseded_total 1.0",
                "hostwise_watch_notified_total 1.0", "hostwise_watch_run_checked_verdicts_count 1",
                "hostwise_watch_run_checked_verdicts_sum 2.0", "hostwise_watch_run_superseded_verdicts_sum 1.0",
                "hostwise_watch_run_notified_notices_sum 1.0", "hostwise_watch_on 1.0");
    }

    @Test
    void aRunThatStopsMidwayResumesWithoutSupersedingOrNotifyingTwice() throws Exception {
        List<StoredVerdict> flipping = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            flipping.add(asked(FLIPS, "200." + i));
            asked(STAYS, "300." + i);
        }
        Watch first = watch(settings());
        cutThePrice();
        // the process "stops" partway through re-checking: the clock fails on its 9th reading from now
        clock.failAfter(9);
        assertThatThrownBy(first::runOnce).hasMessageContaining("simulated crash");
        clock.failAfter(-1);
        int supersededBeforeTheCrash = (int) flipping.stream().filter(v -> !hostwise.store().supersededBy(v.id()).isEmpty()).count();
        assertThat(supersededBeforeTheCrash).isBetween(1, 4);
        assertThat(hostwise.store().watch().pendingChanges()).hasSize(1);

        // a new process takes over once the stopped one's lease has expired
        clock.advance(Watch.LEASE.plusSeconds(1));
        Watch second = watch(settings());
        WatchRun run = second.runOnce();

        assertThat(run.superseded()).isEqualTo(5 - supersededBeforeTheCrash);
        for (StoredVerdict v : flipping) {
            assertThat(hostwise.store().supersededBy(v.id())).as(v.id()).hasSize(1);
        }
        assertThat(hostwise.store().watch().pendingChanges()).isEmpty();
        // one notice per superseded verdict, each in its own thread
        assertThat(outlet.posts).hasSize(5);
        assertThat(outlet.posts.stream().map(Post::where).distinct()).hasSize(5);
        assertThat(second.runOnce().notified()).isZero();
        assertThat(outlet.posts).hasSize(5);
    }

    @Test
    void aProcessThatStopsRightAfterPostingNeverPostsTheSameNoticeAgain() throws Exception {
        Watch first = watch(settings());
        StoredVerdict flips = asked(FLIPS, "400.1");
        cutThePrice();
        // re-check and claim the notice, post it, then stop before marking it sent: the clock's reading after
        // the post fails. Readings: re-decision, the successor, the check, the notice's claim, then after the post.
        clock.failWhen(() -> !outlet.posts.isEmpty());
        assertThatThrownBy(first::runOnce).hasMessageContaining("simulated crash");
        clock.failAfter(-1);
        assertThat(outlet.posts).hasSize(1);

        clock.advance(Watch.LEASE.plusSeconds(1));
        WatchRun run = watch(settings()).runOnce();
        assertThat(run.notified()).isZero();
        assertThat(outlet.posts).hasSize(1);
        String successor = hostwise.store().supersededBy(flips.id()).get(0).id();
        assertThat(hostwise.store().watch().notices("sending", 10)).extracting(WatchStore.Notice::verdictId).containsExactly(successor);
    }

    @Test
    void aMutedVerdictIsSupersededQuietlyAndItsSuccessorStaysMuted() throws Exception {
        Watch watch = watch(settings());
        StoredVerdict flips = asked(FLIPS, "500.1");
        hostwise.store().watch().mute(flips.id(), "U0", clock.instant());
        cutThePrice();
        WatchRun run = watch.runOnce();
        assertThat(run.superseded()).isEqualTo(1);
        assertThat(run.notified()).isZero();
        assertThat(outlet.posts).isEmpty();
        String successor = hostwise.store().supersededBy(flips.id()).get(0).id();
        assertThat(hostwise.store().watch().muted(successor)).isTrue();
    }

    @Test
    void verdictsOlderThanTheWindowAreLeftAlone() throws Exception {
        StoredVerdict old = asked(FLIPS, "600.1");
        clock.advance(Duration.ofDays(31));
        Watch watch = watch(new WatchSettings(true, 30, Duration.ofHours(1), 10));
        cutThePrice();
        assertThat(watch.runOnce().checked()).isZero();
        assertThat(hostwise.store().supersededBy(old.id())).isEmpty();
    }

    @Test
    void aDryRunListsWhatWouldBeSupersededAndWhyWithoutChangingAnything() throws Exception {
        StoredVerdict flips = asked(FLIPS, "700.1");
        asked(STAYS, "700.2");
        Watch watch = watch(settings());
        cutThePrice();
        List<Watch.WouldSupersede> would = watch.dryRun();
        assertThat(would).singleElement().satisfies(w -> {
            assertThat(w.id()).isEqualTo(flips.id());
            assertThat(w.from()).isEqualTo("Measure first");
            assertThat(w.to()).isEqualTo("Stay on the hosted API");
            assertThat(w.why()).startsWith("Measure first → Stay on the hosted API; daily saving from self-hosting $");
        });
        assertThat(hostwise.store().supersededBy(flips.id())).isEmpty();
        assertThat(hostwise.store().watch().pendingChanges()).hasSize(1);
        assertThat(outlet.posts).isEmpty();
    }

    @Test
    void whenTheWatchIsOffNothingIsReCheckedButTheChangeWaits() throws Exception {
        StoredVerdict flips = asked(FLIPS, "800.1");
        Watch off = watch(new WatchSettings(false, 180, Duration.ofHours(1), 10));
        cutThePrice();
        assertThat(off.runOnce().note()).contains("HOSTWISE_WATCH=off");
        assertThat(hostwise.metrics().scrape()).contains("hostwise_watch_on 0.0");
        assertThat(hostwise.store().supersededBy(flips.id())).isEmpty();
        assertThat(hostwise.store().watch().pendingChanges()).hasSize(1);
    }

    @Test
    void anImportedLoadTestSupersedesTheMeasureFirstVerdictItSettles() throws Exception {
        Watch watch = watch(settings());
        // 2 x H100 at FP8, throughput estimated: all three conditions hold, so "measure first"
        RecordedVerdict r = hostwise.decideFor(hostwise.reader().fromText(Map.ofEntries(Map.entry("requestsPerDay", "2000000"),
                Map.entry("openModel", "llama-3.3-70b"), Map.entry("gpuType", "h100-80gb"), Map.entry("gpusPerReplica", "2"),
                Map.entry("precision", "FP8"), Map.entry("hostedModel", "gpt-4o"), Map.entry("inputTokens", "900"),
                Map.entry("outputTokens", "300"), Map.entry("taskType", "CLASSIFICATION"), Map.entry("qualityNeed", "GOOD_ENOUGH"),
                Map.entry("privacyNeed", "MUST_STAY_IN_HOUSE"))), Requester.chat(Platform.SLACK, "T0", "C0", "U0"));
        hostwise.store().watch().rememberThread(r.verdict().id(), new WatchStore.Thread(Platform.SLACK, "C0", "900.1"), clock.instant());
        assertThat(r.verdict().recommendation()).isEqualTo(Recommendation.MEASURE_FIRST);
        watch.runOnce();

        byte[] file;
        try (var in = WatchTest.class.getResourceAsStream("/loadtests/llama33-70b-2xh100-fp8-conc64.json")) {
            file = in.readAllBytes();
        }
        Hostwise.ImportedLoadTest imported = hostwise.importLoadTest(file, "llama.json", new dev.hostwise.knowledge.evidence.LoadTestImport
                .Configuration("llama-3.3-70b", "h100-80gb", 2, dev.hostwise.knowledge.Precision.FP8), Requester.cli());
        assertThat(imported.isNew()).isTrue();
        assertThat(hostwise.store().watch().pendingChanges()).hasSize(1);

        WatchRun run = watch.runOnce();

        assertThat(run.superseded()).isEqualTo(1);
        StoredVerdict successor = hostwise.store().byId(hostwise.store().supersededBy(r.verdict().id()).get(0).id()).orElseThrow();
        assertThat(successor.verdict().recommendation()).isEqualTo(Recommendation.SELF_HOST);
        assertThat(successor.verdict().figures().throughputSource()).hasToString("MEASURED");
        assertThat(successor.supersedeReason()).get().asString()
                .contains("measured throughput for llama-3.3-70b on 2x h100-80gb imported", "Measure first → Self-host");
        assertThat(outlet.posts).singleElement().satisfies(p -> assertThat(p.where()).isEqualTo("thread C0/900.1"));
        // importing the same file again is no change
        hostwise.importLoadTest(file, "llama.json", new dev.hostwise.knowledge.evidence.LoadTestImport
                .Configuration("llama-3.3-70b", "h100-80gb", 2, dev.hostwise.knowledge.Precision.FP8), Requester.cli());
        assertThat(hostwise.store().watch().pendingChanges()).isEmpty();
    }

    @Test
    void oneReplicaAtATimeHoldsTheLease() {
        WatchStore store = hostwise.store().watch();
        Instant now = clock.instant();
        assertThat(store.lease("a", now, Duration.ofMinutes(2))).isTrue();
        assertThat(store.lease("b", now.plusSeconds(60), Duration.ofMinutes(2))).isFalse();
        assertThat(store.lease("a", now.plusSeconds(60), Duration.ofMinutes(2))).as("the holder renews").isTrue();
        assertThat(store.lease("b", now.plusSeconds(179), Duration.ofMinutes(2))).isFalse();
        assertThat(store.lease("b", now.plusSeconds(181), Duration.ofMinutes(2))).as("after expiry").isTrue();
        store.release("b");
        assertThat(store.lease("a", now.plusSeconds(182), Duration.ofMinutes(2))).isTrue();
    }

    // ---- fakes ----

    /** A post an outlet was asked to make. */
    record Post(String where, String text) {
    }

    /** Records every notice, as the platform would show it. */
    static final class RecordingOutlet implements Outlet {
        final List<Post> posts = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Sent post(String conversation, Reply reply) {
            posts.add(new Post("channel " + conversation, text(reply)));
            return new Sent.Ok(Optional.of("999.1"));
        }

        @Override
        public Sent replyLink(String responseUrl, Reply reply, boolean forEveryone) {
            posts.add(new Post("reply link", text(reply)));
            return Sent.done();
        }

        @Override
        public Sent directMessage(String user, Reply reply) {
            posts.add(new Post("dm " + user, text(reply)));
            return Sent.done();
        }

        @Override
        public Sent inThread(String conversation, String thread, Reply reply) {
            posts.add(new Post("thread " + conversation + "/" + thread, text(reply)));
            return Sent.done();
        }

        private static String text(Reply reply) {
            return reply instanceof Reply.Notice n ? n.text() : reply.subject();
        }
    }

    /** A clock that can be moved on, and made to fail ("the process stops") after some readings or on a condition. */
    static final class FailingClock extends Clock {
        private volatile Instant now;
        private final AtomicInteger readingsLeft = new AtomicInteger(-1);
        private volatile java.util.function.BooleanSupplier failWhen = () -> false;

        FailingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        /** Fails on the n-th reading from now; -1 never. */
        void failAfter(int n) {
            readingsLeft.set(n);
            failWhen = () -> false;
        }

        void failWhen(java.util.function.BooleanSupplier condition) {
            failWhen = condition;
        }

        @Override
        public Instant instant() {
            if (readingsLeft.get() > 0 && readingsLeft.decrementAndGet() == 0 || failWhen.getAsBoolean()) {
                throw new IllegalStateException("simulated crash: the process stopped here");
            }
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
