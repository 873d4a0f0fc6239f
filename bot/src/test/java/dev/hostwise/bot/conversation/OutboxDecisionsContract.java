package dev.hostwise.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.store.StoreFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "Acknowledged means answered", through the conversation core and a real store, on each database: a question
 * taken by a replica that is then killed is answered once by another; the same question reaching two replicas
 * makes one verdict and one message; a full queue says "busy" at once and claims nothing; a replica that stops
 * hands what it has not started to the others. Replicas are separate stores (and, for the crash, a separate
 * process) on one database.
 */
abstract class OutboxDecisionsContract {

    /** Short leases and scans, so a take-over happens within seconds. */
    static final OutboxSettings QUICK = OutboxSettings.standard()
            .withLease(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(100))
            .withRetries(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(5));

    /** A fresh, migrated-on-start environment for this database. */
    abstract Env env();

    /** The arguments that give the crash test's child process the same database. */
    abstract List<String> childDatabase();

    final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    static Hostwise start(Env env) {
        return Hostwise.start(env, Optional.empty(), Clock.systemUTC());
    }

    static Conversation conversation(Hostwise hw, Outlet outlet, int workers, int queue, OutboxSettings settings) {
        return new Conversation(hw, Platform.SLACK, outlet,
                new BoundedWorkQueue("t" + UUID.randomUUID().toString().substring(0, 6), workers, queue, Duration.ZERO,
                        Duration.ofSeconds(20), hw.metrics().registry()),
                new RememberedRequestKeys(1000), 100, settings);
    }

    String channel(int i) {
        return "C" + run + i;
    }

    Admission ask(Conversation c, String key, int i) {
        Hostwise hw = c.hostwise();
        return c.decide(c.key("trigger", run + "." + key), StoreFixture.scenario(hw, 10_000 + i),
                Requester.chat(Platform.SLACK, "T1", channel(i), "U" + run + i), new ReplyAddress(channel(i), null, "U" + run + i));
    }

    @Test
    @Timeout(180) // a guard against hanging, not a performance target
    void questionsAReplicaAcknowledgedBeforeItWasKilledAreAnsweredOnceByAnother() throws Exception {
        int n = 6;
        List<String> cmd = new ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OutboxCrashChild.class.getName(), run, String.valueOf(n)));
        cmd.addAll(childDatabase());
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<String> acknowledged = new HashSet<>();
        Set<String> postingWhenKilled = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            // its two workers are each in the middle of a post (the platform got it, the answer never came back)
            // and the other questions wait in its queue
            while ((acknowledged.size() < n || postingWhenKilled.size() < 2) && (line = out.readLine()) != null) {
                if (line.startsWith("acknowledged ")) {
                    acknowledged.add(line.substring("acknowledged ".length()));
                } else if (line.startsWith("posting ")) {
                    postingWhenKilled.add(line.split(" ")[1]);
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, nothing given back
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).hasSize(n);
        assertThat(postingWhenKilled).hasSize(2);

        RecordingOutlet platform = new RecordingOutlet();
        platform.alreadyThere.addAll(postingWhenKilled);
        try (Hostwise hw = start(env())) {
            // every question the dead replica acknowledged is in the outbox (none was taken in memory only)
            assertThat(jobStates(hw).values().stream().mapToLong(Long::longValue).sum()).as("outbox jobs of the killed replica")
                    .isEqualTo(n);
        }
        try (Hostwise hw = start(env()); Conversation survivor = conversation(hw, platform, 2, 10, QUICK)) {
            // once the dead replica's leases run out, the survivor takes its jobs
            platform.await(n - 2, Duration.ofSeconds(60));
            awaitNoPendingJobs(hw);
            survivor.awaitQuiet(Duration.ofSeconds(10));

            Map<String, Long> postsPerChannel = platform.posts().stream()
                    .collect(Collectors.groupingBy(RecordingOutlet.Post::conversation, Collectors.counting()));
            Map<String, List<String>> stored = storedVerdicts(hw);
            for (int i = 0; i < n; i++) {
                assertThat(stored.get(channel(i))).as("verdicts stored for question %d", i).hasSize(1);
                String id = stored.get(channel(i)).get(0);
                if (postingWhenKilled.contains(id)) {
                    // decided and posted by the dead replica: read back, not posted again, not decided again
                    assertThat(postsPerChannel.get(channel(i))).as("posts for question %d", i).isNull();
                    assertThat(platform.readBacks()).contains(id);
                } else {
                    assertThat(postsPerChannel.get(channel(i))).as("posts for question %d", i).isEqualTo(1);
                }
            }
            assertThat(jobStates(hw)).containsOnlyKeys("DONE").containsEntry("DONE", (long) n);
        }
    }

    /**
     * A question that arrives the moment a replica starts (a restart with the platform's retries waiting, or the
     * crash test's child) is kept in the outbox like any other. The acknowledgement's first check-in used to race
     * the timer's first one: both inserted the replica's check-in row, one failed on its unique key, and when the
     * acknowledgement lost, the question was taken in memory only, with no outbox job: a crash then left it
     * unanswered, or answered with no read-back.
     */
    @Test
    @Timeout(120)
    void aQuestionAskedTheMomentAReplicaStartsIsKeptInTheOutbox() throws Exception {
        int replicas = 25;
        RecordingOutlet platform = new RecordingOutlet();
        try (Hostwise hw = start(env())) {
            for (int i = 0; i < replicas; i++) {
                try (Conversation c = conversation(hw, platform, 1, 5, QUICK)) {
                    assertThat(ask(c, "start" + i, i)).isEqualTo(Admission.ACCEPTED);
                    assertThat(count(hw, "SELECT COUNT(*) FROM outbox_jobs WHERE conversation = ?", channel(i)))
                            .as("outbox jobs for the question asked as replica %d started", i).isEqualTo(1);
                    c.awaitQuiet(Duration.ofSeconds(20));
                }
            }
            assertThat(hw.metrics().registry().find("hostwise.outbox.unwritten").counters())
                    .allSatisfy(taken -> assertThat(taken.count()).as("questions taken in memory only").isZero());
            awaitNoPendingJobs(hw);
            assertThat(platform.posts()).hasSize(replicas);
        }
    }

    @Test
    @Timeout(120)
    void theSameQuestionReachingTwoReplicasAtOnceMakesOneVerdictAndOneMessage() throws Exception {
        int n = 12;
        RecordingOutlet a = new RecordingOutlet();
        RecordingOutlet b = new RecordingOutlet();
        try (Hostwise hwA = start(env()); Hostwise hwB = start(env());
             Conversation replicaA = conversation(hwA, a, 2, 50, QUICK); Conversation replicaB = conversation(hwB, b, 2, 50, QUICK)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Admission>> admissions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int q = i;
                for (Conversation replica : List.of(replicaA, replicaB)) {
                    admissions.add(pool.submit(() -> {
                        go.await();
                        return ask(replica, "twice" + q, q);
                    }));
                }
            }
            go.countDown();
            Map<Admission, Integer> outcomes = new HashMap<>();
            for (Future<Admission> f : admissions) {
                outcomes.merge(f.get(), 1, Integer::sum);
            }
            pool.shutdown();
            assertThat(outcomes).containsEntry(Admission.ACCEPTED, n).containsEntry(Admission.REPEAT, n);

            awaitNoPendingJobs(hwA);
            replicaA.awaitQuiet(Duration.ofSeconds(10));
            replicaB.awaitQuiet(Duration.ofSeconds(10));
            List<RecordingOutlet.Post> all = new ArrayList<>(a.posts());
            all.addAll(b.posts());
            assertThat(all).hasSize(n);
            assertThat(all.stream().map(RecordingOutlet.Post::conversation).distinct()).hasSize(n);
            assertThat(storedVerdicts(hwA).values()).hasSize(n).allSatisfy(ids -> assertThat(ids).hasSize(1));

            // a repeat long after, on either replica, is still known
            assertThat(ask(replicaB, "twice0", 0)).isEqualTo(Admission.REPEAT);
            assertThat(ask(replicaA, "twice1", 1)).isEqualTo(Admission.REPEAT);
            // and so are keys that guard no decision (a form opened, a button pressed)
            RequestKey button = replicaA.key("trigger", run + ".button");
            assertThat(replicaA.keys().claim(button)).isTrue();
            assertThat(replicaB.keys().claim(button)).isFalse();
            replicaA.keys().release(button);
            assertThat(replicaB.keys().claim(replicaB.key("trigger", run + ".button"))).isTrue();
        }
    }

    @Test
    @Timeout(120)
    void aFullQueueAnswersBusyAtOnceAndClaimsNothing() throws Exception {
        RecordingOutlet platform = new RecordingOutlet();
        platform.hold();
        try (Hostwise hw = start(env()); Conversation c = conversation(hw, platform, 1, 0, QUICK)) {
            assertThat(ask(c, "first", 0)).isEqualTo(Admission.ACCEPTED); // its one worker is now posting, held
            assertThat(ask(c, "second", 1)).isEqualTo(Admission.BUSY);
            assertThat(count(hw, "SELECT COUNT(*) FROM request_keys WHERE request_key = ?", "slack:trigger:" + run + ".second")).isZero();
            assertThat(count(hw, "SELECT COUNT(*) FROM outbox_jobs WHERE conversation = ?", channel(1))).isZero();

            platform.release();
            c.awaitQuiet(Duration.ofSeconds(20));
            // with room again, the user's second try (or the platform's retry) is taken
            assertThat(ask(c, "second", 1)).isEqualTo(Admission.ACCEPTED);
            platform.await(2, Duration.ofSeconds(20));
            awaitNoPendingJobs(hw);
        }
    }

    @Test
    @Timeout(120)
    void aReplicaThatStopsHandsTheQuestionsItHasNotStartedToAnotherAtOnce() throws Exception {
        RecordingOutlet stopping = new RecordingOutlet();
        RecordingOutlet other = new RecordingOutlet();
        stopping.hold();
        // a lease far longer than the test: only being given back lets the other replica take them
        OutboxSettings longLease = QUICK.withLease(Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofMillis(100));
        try (Hostwise hwA = start(env()); Hostwise hwB = start(env())) {
            Conversation a = conversation(hwA, stopping, 1, 5, longLease);
            for (int i = 0; i < 3; i++) {
                assertThat(ask(a, "stop" + i, i)).isEqualTo(Admission.ACCEPTED);
            }
            // the stop below must find one job running: its one worker is inside the (held) post of the first
            // (without this wait a slow machine could stop the replica before the worker had taken any job)
            stopping.awaitHeld(1, Duration.ofSeconds(30));
            Thread closing = new Thread(a::close); // SIGTERM: the one running goes on, two wait in the queue
            try (Conversation b = conversation(hwB, other, 2, 10, longLease)) {
                closing.start();
                List<RecordingOutlet.Post> taken = other.await(2, Duration.ofSeconds(30));
                assertThat(stopping.posts()).isEmpty(); // the stopping replica is still in its first post
                stopping.release();
                closing.join(30_000);
                assertThat(closing.isAlive()).isFalse();
                assertThat(stopping.posts()).hasSize(1);
                Set<String> answered = new HashSet<>();
                taken.forEach(p -> answered.add(p.conversation()));
                stopping.posts().forEach(p -> answered.add(p.conversation()));
                assertThat(answered).containsExactlyInAnyOrder(channel(0), channel(1), channel(2));
                awaitNoPendingJobs(hwA);
                b.awaitQuiet(Duration.ofSeconds(10));
                assertThat(other.posts()).hasSize(2);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** Verdict IDs stored for this run's questions, by channel. */
    Map<String, List<String>> storedVerdicts(Hostwise hw) throws Exception {
        Map<String, List<String>> out = new HashMap<>();
        try (Connection c = hw.store().database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT conversation, id FROM verdict WHERE conversation LIKE ?")) {
            ps.setString(1, "C" + run + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    Map<String, Long> jobStates(Hostwise hw) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = hw.store().database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM outbox_jobs WHERE conversation LIKE ? GROUP BY state")) {
            ps.setString(1, "C" + run + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    void awaitNoPendingJobs(Hostwise hw) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jobStates(hw).containsKey("PENDING")) {
            if (System.nanoTime() > end) {
                throw new AssertionError("outbox jobs still pending: " + jobStates(hw));
            }
            Thread.sleep(50);
        }
    }

    static long count(Hostwise hw, String sql, String arg) throws Exception {
        try (Connection c = hw.store().database().connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
