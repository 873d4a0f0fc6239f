package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What the outbox and the shared request keys promise, run against each database: a key is claimed once
 * across replicas and a repeat stores nothing; a job is held by one worker at a time and taken over only
 * once its replica's check-in has run out; a worker that lost its job can record nothing; a verdict stored
 * for a job is named on it in the same transaction. Time is a clock the test moves, so no assertion rests on timing.
 * Each test uses a platform name of its own, so tests sharing one PostgreSQL database do not see each other's jobs.
 */
abstract class OutboxContract {

    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration KEY_TTL = Duration.ofHours(1);

    /** A fresh, migrated-on-start environment for this database. */
    abstract Env env();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String platform = "t" + run;
    private final MutableClock clock = new MutableClock(Instant.parse("2031-01-01T09:00:00Z"));

    private Outbox outbox(Hostwise hw) {
        return new Outbox(hw.store().database(), new SimpleMeterRegistry(), clock);
    }

    private Outbox.NewJob job(String key) {
        return new Outbox.NewJob(platform, key == null ? null : run + ":" + key, "C" + run, "U" + run, "{\"v\":1}");
    }

    private static OutboxJob accepted(Outbox.Enqueued e) {
        assertThat(e).isInstanceOf(Outbox.Enqueued.Accepted.class);
        return ((Outbox.Enqueued.Accepted) e).job();
    }

    @Test
    void eachKeyIsClaimedOnceAcrossReplicasAndARepeatStoresNothing() throws Exception {
        int keys = 40;
        try (Hostwise a = StoreFixture.start(env(), clock.instant()); Hostwise b = StoreFixture.start(env(), clock.instant())) {
            Outbox replicaA = outbox(a);
            Outbox replicaB = outbox(b);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Outbox.Enqueued>> results = new ArrayList<>();
            List<String> asked = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                for (Outbox replica : List.of(replicaA, replicaB)) {
                    Outbox.NewJob j = job("k" + i);
                    asked.add(j.requestKey());
                    results.add(pool.submit(() -> {
                        go.await();
                        return replica.enqueue(j, "owner-" + (replica == replicaA ? "a" : "b"), KEY_TTL);
                    }));
                }
            }
            go.countDown();
            Map<String, Integer> acceptedPerKey = new HashMap<>();
            int repeats = 0;
            for (int i = 0; i < results.size(); i++) {
                Outbox.Enqueued e = results.get(i).get();
                if (e instanceof Outbox.Enqueued.Accepted) {
                    acceptedPerKey.merge(asked.get(i), 1, Integer::sum);
                } else {
                    repeats++;
                }
            }
            pool.shutdown();
            assertThat(acceptedPerKey).hasSize(keys).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            assertThat(repeats).isEqualTo(keys);
            assertThat(count(a, "SELECT COUNT(*) FROM outbox_jobs WHERE platform = ?", platform)).isEqualTo(keys);
            assertThat(count(a, "SELECT COUNT(*) FROM request_keys WHERE request_key LIKE ?", run + ":%")).isEqualTo(keys);
            // jobs without a key (a request with no ID to go by) are each taken
            accepted(replicaA.enqueue(job(null), "owner-a", KEY_TTL));
            accepted(replicaB.enqueue(job(null), "owner-b", KEY_TTL));
            assertThat(count(a, "SELECT COUNT(*) FROM outbox_jobs WHERE platform = ?", platform)).isEqualTo(keys + 2);
        }
    }

    @Test
    void aJobOfALiveReplicaIsLeftAloneAndOneWhoseReplicaStoppedCheckingInIsTakenOverByOneWorker() throws Exception {
        try (Hostwise a = StoreFixture.start(env(), clock.instant()); Hostwise b = StoreFixture.start(env(), clock.instant())) {
            Outbox replicaA = outbox(a);
            Outbox replicaB = outbox(b);
            String ownerA = "owner-a-" + run;
            replicaA.checkIn(ownerA, LEASE);
            OutboxJob mine = accepted(replicaA.enqueue(job("lease"), ownerA, KEY_TTL));

            assertThat(replicaB.takeDue(platform, "owner-b", 10)).isEmpty();
            assertThat(replicaA.takeDue(platform, ownerA, 10)).isEmpty(); // nor does its own replica take it twice
            clock.advance(LEASE.minusSeconds(1));
            replicaA.checkIn(ownerA, LEASE); // good for another 15 s
            clock.advance(Duration.ofSeconds(10));
            assertThat(replicaB.takeDue(platform, "owner-b", 10)).isEmpty();

            // replica A stops checking in (it died): once its check-in runs out, two workers race and one wins
            clock.advance(LEASE);
            replicaB.checkIn("owner-b1", LEASE);
            replicaB.checkIn("owner-b2", LEASE);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<List<OutboxJob>> b1 = pool.submit(() -> replicaB.takeDue(platform, "owner-b1", 10));
            Future<List<OutboxJob>> b2 = pool.submit(() -> outbox(b).takeDue(platform, "owner-b2", 10));
            List<OutboxJob> taken = new ArrayList<>(b1.get());
            taken.addAll(b2.get());
            pool.shutdown();
            assertThat(taken).hasSize(1);
            OutboxJob takenOver = taken.get(0);
            assertThat(takenOver.id()).isEqualTo(mine.id());
            assertThat(takenOver.lease().take()).isEqualTo(2);
            assertThat(takenOver.verdictId()).isEmpty();

            // the worker that lost it can record nothing more about it
            assertThat(replicaA.stillHeld(mine.lease())).isFalse();
            assertThat(replicaB.stillHeld(takenOver.lease())).isTrue();
            assertThatThrownBy(() -> replicaA.finish(mine.lease(), Outbox.State.DONE, "CONVERSATION", null))
                    .isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> replicaA.retryLater(mine.lease(), clock.instant(), "x")).isInstanceOf(LeaseLostException.class);
            Requester who = Requester.chat(Platform.SLACK, "T1", "C" + run, "U" + run);
            assertThatThrownBy(() -> a.decideForJob(StoreFixture.scenario(a, 1000), who, mine.lease()))
                    .isInstanceOf(LeaseLostException.class);
            assertThat(count(a, "SELECT COUNT(*) FROM verdict WHERE conversation = ?", "C" + run)).isZero();

            // the new holder's writes stand
            replicaB.finish(takenOver.lease(), Outbox.State.DONE, "CONVERSATION", null);
            assertThat(text(a, "SELECT state FROM outbox_jobs WHERE id = ?", takenOver.id())).isEqualTo("DONE");
        }
    }

    @Test
    void aVerdictStoredForAJobIsNamedOnItSoATakeOverDeliversItInsteadOfDecidingAgain() throws Exception {
        try (Hostwise hw = StoreFixture.start(env(), clock.instant())) {
            Outbox replica = outbox(hw);
            replica.checkIn("owner-a-" + run, LEASE);
            OutboxJob job = accepted(replica.enqueue(job("decided"), "owner-a-" + run, KEY_TTL));
            RecordedVerdict r = hw.decideForJob(StoreFixture.scenario(hw, 5000),
                    Requester.chat(Platform.SLACK, "T1", "C" + run, "U" + run), job.lease());
            assertThat(r.linkToken()).isPresent();

            clock.advance(LEASE.plusSeconds(1));
            List<OutboxJob> taken = replica.takeDue(platform, "owner-b", 10);
            assertThat(taken).singleElement().satisfies(t -> {
                assertThat(t.verdictId()).contains(r.verdict().id());
                assertThat(t.createdAt()).isEqualTo(job.createdAt());
            });
            // a second decision for it is refused: it has its verdict
            assertThatThrownBy(() -> hw.decideForJob(StoreFixture.scenario(hw, 5000),
                    Requester.chat(Platform.SLACK, "T1", "C" + run, "U" + run), taken.get(0).lease()))
                    .isInstanceOf(LeaseLostException.class);
            assertThat(count(hw, "SELECT COUNT(*) FROM verdict WHERE conversation = ?", "C" + run)).isEqualTo(1);
        }
    }

    @Test
    void aJobGivenBackIsTakenAtOnceAndOneWaitingForAnotherAttemptOnlyWhenDue() throws Exception {
        try (Hostwise hw = StoreFixture.start(env(), clock.instant())) {
            Outbox replica = outbox(hw);
            replica.checkIn("owner-a-" + run, LEASE);
            OutboxJob job = accepted(replica.enqueue(job("back"), "owner-a-" + run, KEY_TTL));
            assertThat(replica.takeDue(platform, "owner-b", 10)).isEmpty();

            replica.release(List.of(job.lease()));
            OutboxJob again = replica.takeDue(platform, "owner-b", 10).get(0);
            assertThat(again.lease().take()).isEqualTo(2);

            replica.retryLater(again.lease(), clock.instant().plusSeconds(30), "conversation C1: HTTP 500 (after 4 attempts)");
            clock.advance(Duration.ofSeconds(29));
            assertThat(replica.takeDue(platform, "owner-c", 10)).isEmpty();
            clock.advance(Duration.ofSeconds(2));
            assertThat(replica.takeDue(platform, "owner-c", 10)).singleElement().satisfies(t -> {
                assertThat(t.deliveries()).isEqualTo(1);
                assertThat(t.lastProblem()).contains("conversation C1: HTTP 500 (after 4 attempts)");
            });
            assertThat(replica.pending(platform)).isEqualTo(1);
        }
    }

    @Test
    void expiredKeysAndOldFinishedJobsAreSweptAndPendingOnesStay() throws Exception {
        try (Hostwise hw = StoreFixture.start(env(), clock.instant())) {
            Outbox replica = outbox(hw);
            OutboxJob done = accepted(replica.enqueue(job("done"), "owner-a", Duration.ofMinutes(10)));
            OutboxJob waiting = accepted(replica.enqueue(job("waiting"), "owner-a", Duration.ofHours(5)));
            replica.finish(done.lease(), Outbox.State.DONE, "CONVERSATION", null);
            assertThat(replica.claimKey(run + ":standalone", Duration.ofMinutes(10))).isTrue();
            assertThat(replica.claimKey(run + ":standalone", Duration.ofMinutes(10))).isFalse();

            clock.advance(Duration.ofHours(2));
            replica.sweep(Duration.ofHours(1));

            assertThat(count(hw, "SELECT COUNT(*) FROM request_keys WHERE request_key LIKE ?", run + ":%")).isEqualTo(1);
            assertThat(count(hw, "SELECT COUNT(*) FROM outbox_jobs WHERE platform = ?", platform)).isEqualTo(1);
            assertThat(text(hw, "SELECT state FROM outbox_jobs WHERE id = ?", waiting.id())).isEqualTo("PENDING");
            // an expired key no longer stands in the way (a new request with that ID is served)
            assertThat(replica.claimKey(run + ":standalone", Duration.ofMinutes(10))).isTrue();
            replica.releaseKey(run + ":standalone");
            assertThat(replica.claimKey(run + ":standalone", Duration.ofMinutes(10))).isTrue();
        }
    }

    static long count(Hostwise hw, String sql, Object arg) throws Exception {
        try (Connection c = hw.store().database().connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String text(Hostwise hw, String sql, Object arg) throws Exception {
        try (Connection c = hw.store().database().connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
