package dev.hostwise.bot.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The outbox and the shared request keys ({@code outbox_jobs}, {@code request_keys}; migration V6): what makes
 * "acknowledged" mean "answered" across replicas and crashes. Plain JDBC over {@link Database}; the same SQL
 * on PostgreSQL and embedded H2 (H2 2.x has row locks, {@code FOR UPDATE SKIP LOCKED}, and a unique-key
 * insert that waits for the other transaction and then fails, as PostgreSQL's does; in AUTO_SERVER mixed mode
 * every process goes through the one engine that opened the file, so the same holds there).
 *
 * <p>A replica holds the jobs it took while its check-in ({@code outbox_workers}, {@link #checkIn}) is alive: one
 * row per replica, renewed every few seconds, however many jobs it holds. Once a replica stops checking in, any
 * other takes its jobs over. Correctness never rests on timing alone: a key is unique in the table, a job is
 * taken by a locked, conditional update (two workers cannot both take it), and every later write names the
 * take it was made under ({@link JobLease}), so a worker that lost its job to another replica writes nothing.
 *
 * <p>Every method throws {@link StoreUnavailableException} when the database cannot be reached, and
 * {@link LeaseLostException} where it says so.
 */
public final class Outbox {

    /** What a job's state column holds. */
    public enum State {
        /** To be decided and/or delivered. */
        PENDING,
        /** Delivered. */
        DONE,
        /** Every way of delivering it failed until the deadline: recorded here and logged, never silent. */
        UNDELIVERED,
        /** The question could not be decided (or no longer reads); the user was told. */
        FAILED
    }

    /** A question to keep until it is answered. */
    public record NewJob(String platform, String requestKey, String conversation, String requestedBy, String json) {
    }

    /** What became of a job handed to {@link #enqueue}. */
    public sealed interface Enqueued {
        /** Stored, under a lease this worker holds. */
        record Accepted(OutboxJob job) implements Enqueued {
        }

        /** Its request key was already claimed: a repeat. Nothing was stored. */
        record Repeat() implements Enqueued {
        }
    }

    /** SQLSTATE of a unique-key violation, on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int TAKE_AT_MOST = 100;


    private final Database db;
    private final Clock clock;
    private final GroupCommit<Pending, Enqueued> enqueues = new GroupCommit<>(this::writeEnqueues);
    private final GroupCommit<Finish, Boolean> finishes = new GroupCommit<>(this::writeFinishes);
    private final Timer enqueueTime;

    private record Pending(NewJob job, String owner, Duration keyTtl) {
    }

    private record Finish(JobLease lease, State state, String via, String problem) {
    }

    public Outbox(Database db, MeterRegistry meters, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.enqueueTime = Timer.builder("hostwise.outbox.enqueue")
                .description("Writing a request's key and its outbox job, as the acknowledgement waits: queueing for the "
                        + "transaction included")
                .register(meters);
    }

    // ------------------------------------------------------------------------------------------- enqueue

    /**
     * Claims the job's request key and stores the job in one transaction, held by {@code owner} (who must be
     * checked in); jobs enqueued at the same moment share the transaction. A key someone already claimed makes
     * it a {@link Enqueued.Repeat}, and nothing is stored.
     */
    public Enqueued enqueue(NewJob job, String owner, Duration keyTtl) {
        long started = System.nanoTime();
        try {
            return enqueues.save(new Pending(job, owner, keyTtl));
        } finally {
            enqueueTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private void writeEnqueues(List<GroupCommit.Entry<Pending, Enqueued>> batch) {
        // keys in one order in every transaction: two replicas claiming overlapping keys wait for each other, never deadlock
        List<GroupCommit.Entry<Pending, Enqueued>> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparing(e -> e.item().job().requestKey(), Comparator.nullsLast(Comparator.naturalOrder())));
        try {
            List<OutboxJob> jobs = inTransaction(c -> insert(c, sorted.stream().map(GroupCommit.Entry::item).toList()));
            for (int i = 0; i < sorted.size(); i++) {
                sorted.get(i).succeed(new Enqueued.Accepted(jobs.get(i)));
            }
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                if (sorted.size() == 1) {
                    sorted.get(0).succeed(new Enqueued.Repeat());
                } else {
                    // one of them is a repeat: each on its own tells which
                    sorted.forEach(entry -> writeEnqueues(List.of(entry)));
                }
                return;
            }
            StoreUnavailableException problem = db.problem(e);
            sorted.forEach(entry -> entry.fail(problem));
        } catch (StoreUnavailableException e) {
            sorted.forEach(entry -> entry.fail(e));
        }
    }

    private List<OutboxJob> insert(Connection c, List<Pending> items) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement keys = c.prepareStatement(
                "INSERT INTO request_keys (request_key, claimed_at, expires_at) VALUES (?, ?, ?)")) {
            int n = 0;
            for (Pending p : items) {
                if (p.job().requestKey() != null) {
                    keys.setString(1, p.job().requestKey());
                    keys.setObject(2, at(now));
                    keys.setObject(3, at(now.plus(p.keyTtl())));
                    keys.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                keys.executeBatch();
            }
        }
        List<OutboxJob> out = new ArrayList<>(items.size());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_jobs (platform, request_key, state, created_at, "
                + "next_attempt_at, lease_owner, takes, deliveries, conversation, requested_by, job_json) "
                + "VALUES (?, ?, 'PENDING', ?, ?, ?, 1, 0, ?, ?, ?)", new String[] {"id"})) {
            for (Pending p : items) {
                NewJob j = p.job();
                int i = 0;
                ps.setString(++i, j.platform());
                setNullable(ps, ++i, j.requestKey());
                ps.setObject(++i, at(now));
                ps.setObject(++i, at(now));
                ps.setString(++i, p.owner());
                setNullable(ps, ++i, clip(j.conversation()));
                setNullable(ps, ++i, clip(j.requestedBy()));
                ps.setString(++i, j.json());
                ps.addBatch();
            }
            ps.executeBatch();
            try (ResultSet ids = ps.getGeneratedKeys()) {
                for (Pending p : items) {
                    if (!ids.next()) {
                        throw new SQLException("the database returned fewer job IDs than jobs inserted");
                    }
                    out.add(new OutboxJob(new JobLease(ids.getLong(1), p.owner(), 1), now, Optional.empty(), 0,
                            Optional.empty(), p.job().json()));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- request keys alone

    /**
     * Claims a request key that guards no outbox job (opening a form, a button's follow-up, an event): true the
     * first time, false when any replica claimed it before.
     */
    public boolean claimKey(String key, Duration ttl) {
        Instant now = clock.instant();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO request_keys (request_key, claimed_at, expires_at) VALUES (?, ?, ?)")) {
            ps.setString(1, key);
            ps.setObject(2, at(now));
            ps.setObject(3, at(now.plus(ttl)));
            ps.executeUpdate();
            db.answered();
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw db.problem(e);
        }
    }

    /** Gives a key back, so the platform's retry of its request is served. */
    public void releaseKey(String key) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM request_keys WHERE request_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    // ------------------------------------------------------------------------------------------- workers

    // ------------------------------------------------------------------------------------------- check-in

    /**
     * Says this replica is alive until {@code lease} from now: it goes on holding its jobs. Called at start-up and
     * every few seconds; one small write however many jobs it holds.
     */
    public void checkIn(String owner, Duration lease) {
        Instant now = clock.instant();
        try {
            try {
                inTransaction(c -> {
                    if (renewCheckIn(c, owner, now.plus(lease))) {
                        return 1;
                    }
                    try (PreparedStatement in = c.prepareStatement(
                            "INSERT INTO outbox_workers (owner, started_at, alive_until) VALUES (?, ?, ?)")) {
                        in.setString(1, owner);
                        in.setObject(2, at(now));
                        in.setObject(3, at(now.plus(lease)));
                        return in.executeUpdate();
                    }
                });
            } catch (SQLException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                // two threads of this replica checked in for the first time at once (its timer, and an
                // acknowledgement that found the check-in stale): the other one's row is there now
                inTransaction(c -> renewCheckIn(c, owner, now.plus(lease)) ? 1 : 0);
            }
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    private static boolean renewCheckIn(Connection c, String owner, Instant until) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE outbox_workers SET alive_until = ? WHERE owner = ?")) {
            up.setObject(1, at(until));
            up.setString(2, owner);
            return up.executeUpdate() == 1;
        }
    }

    /** Says this replica has stopped: whatever it still holds is taken over at once, without waiting for its check-in to run out. */
    public void checkOut(String owner) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM outbox_workers WHERE owner = ?")) {
            ps.setString(1, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    // ------------------------------------------------------------------------------------------- workers

    /**
     * Takes up to {@code max} due jobs of a platform that nobody holds (never taken, given back, waiting for a
     * retry that is due, or held by a replica whose check-in ran out: it crashed or stopped), oldest first, for
     * {@code owner}. {@code SKIP LOCKED}: replicas looking at the same moment take different jobs instead of
     * waiting for each other.
     */
    public List<OutboxJob> takeDue(String platform, String owner, int max) {
        if (max <= 0) {
            return List.of();
        }
        Instant now = clock.instant();
        try {
            return inTransaction(c -> {
                List<long[]> candidates = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, takes FROM outbox_jobs WHERE state = 'PENDING' AND platform = ? "
                        + "AND next_attempt_at <= ? AND (lease_owner IS NULL OR (lease_owner <> ? AND NOT EXISTS (SELECT 1 FROM "
                        + "outbox_workers w WHERE w.owner = outbox_jobs.lease_owner AND w.alive_until >= ?))) "
                        + "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    ps.setString(1, platform);
                    ps.setObject(2, at(now));
                    // never its own: a replica that holds a job has it in memory, or gives it back (release) to be taken again
                    ps.setString(3, owner);
                    ps.setObject(4, at(now));
                    ps.setInt(5, Math.min(max, TAKE_AT_MOST));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            candidates.add(new long[] {rs.getLong(1), rs.getInt(2)});
                        }
                    }
                }
                List<Long> taken = new ArrayList<>();
                try (PreparedStatement up = c.prepareStatement("UPDATE outbox_jobs SET lease_owner = ?, takes = takes + 1 "
                        + "WHERE id = ? AND takes = ? AND state = 'PENDING'")) {
                    for (long[] job : candidates) {
                        up.setString(1, owner);
                        up.setLong(2, job[0]);
                        up.setInt(3, (int) job[1]);
                        // the row is locked by the select; the count still says whether this take won
                        if (up.executeUpdate() == 1) {
                            taken.add(job[0]);
                        }
                    }
                }
                return read(c, taken, owner);
            });
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    private static List<OutboxJob> read(Connection c, List<Long> ids, String owner) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", ids.stream().map(id -> "?").toList());
        List<OutboxJob> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, takes, created_at, verdict_id, deliveries, last_problem, job_json "
                + "FROM outbox_jobs WHERE id IN (" + marks + ") ORDER BY id")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxJob(new JobLease(rs.getLong("id"), owner, rs.getInt("takes")),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            Optional.ofNullable(rs.getString("verdict_id")), rs.getInt("deliveries"),
                            Optional.ofNullable(rs.getString("last_problem")), rs.getString("job_json")));
                }
            }
        }
        return out;
    }

    /**
     * Whether a worker still holds a job it took (nobody took it over meanwhile): asked before a verdict stored by
     * an earlier take is delivered again, the one step a worker does before any write that would tell it.
     */
    public boolean stillHeld(JobLease lease) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM outbox_jobs WHERE id = ? AND lease_owner = ? AND takes = ? AND state = 'PENDING'")) {
            bindLease(ps, 1, lease);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    /**
     * Finishes a job: {@link State#DONE} (delivered, {@code via} says how), {@link State#UNDELIVERED} or
     * {@link State#FAILED} ({@code problem} says why). Workers finishing at the same moment share a transaction.
     *
     * @throws LeaseLostException when the worker no longer holds the job
     */
    public void finish(JobLease lease, State state, String via, String problem) {
        if (state == State.PENDING) {
            throw new IllegalArgumentException("a job is finished as DONE, UNDELIVERED or FAILED");
        }
        if (!finishes.save(new Finish(lease, state, via, problem))) {
            throw new LeaseLostException(lease);
        }
    }

    private void writeFinishes(List<GroupCommit.Entry<Finish, Boolean>> batch) {
        Instant now = clock.instant();
        try {
            int[] counts = inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE outbox_jobs SET state = ?, delivered_via = ?, "
                        + "last_problem = COALESCE(?, last_problem), finished_at = ?, lease_owner = NULL, "
                        + "deliveries = deliveries + 1 WHERE id = ? AND lease_owner = ? AND takes = ? AND state = 'PENDING'")) {
                    for (GroupCommit.Entry<Finish, Boolean> e : batch) {
                        Finish f = e.item();
                        ps.setString(1, f.state().name());
                        setNullable(ps, 2, f.via());
                        setNullable(ps, 3, problem(f.problem()));
                        ps.setObject(4, at(now));
                        bindLease(ps, 5, f.lease());
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            });
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).succeed(counts[i] != 0);
            }
        } catch (SQLException e) {
            StoreUnavailableException problem = db.problem(e);
            batch.forEach(entry -> entry.fail(problem));
        } catch (StoreUnavailableException e) {
            batch.forEach(entry -> entry.fail(e));
        }
    }

    /**
     * Gives a job back to wait for a later delivery attempt (at {@code at}), recording why this one failed.
     *
     * @throws LeaseLostException when the worker no longer holds the job
     */
    public void retryLater(JobLease lease, Instant at, String problem) {
        update(lease, "UPDATE outbox_jobs SET next_attempt_at = ?, lease_owner = NULL, "
                + "deliveries = deliveries + 1, last_problem = ? WHERE id = ? AND lease_owner = ? AND takes = ? AND state = 'PENDING'",
                ps -> {
                    ps.setObject(1, at(at));
                    setNullable(ps, 2, problem(problem));
                    return 3;
                });
    }

    /** Gives jobs back at once (a worker stopping before it started them), so any replica takes them now. */
    public void release(Collection<JobLease> leases) {
        if (leases.isEmpty()) {
            return;
        }
        try {
            inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE outbox_jobs SET lease_owner = NULL "
                        + "WHERE id = ? AND lease_owner = ? AND takes = ? AND state = 'PENDING'")) {
                    for (JobLease l : leases) {
                        bindLease(ps, 1, l);
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    /** Jobs of a platform not answered yet, on every replica: the backlog. */
    public long pending(String platform) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox_jobs WHERE state = 'PENDING' AND platform = ?")) {
            ps.setString(1, platform);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    /** What a sweep deleted. */
    public record Swept(int keys, int jobs, int workers) {
    }

    /**
     * Deletes expired request keys, finished jobs older than {@code keepFinished}, and the check-ins of replicas
     * gone for a day (a crashed replica's; a stopped one deletes its own).
     */
    public Swept sweep(Duration keepFinished) {
        Instant now = clock.instant();
        try (Connection c = db.connection()) {
            int keys;
            int jobs;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM request_keys WHERE expires_at < ?")) {
                ps.setObject(1, at(now));
                keys = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox_jobs WHERE state <> 'PENDING' AND finished_at < ?")) {
                ps.setObject(1, at(now.minus(keepFinished)));
                jobs = ps.executeUpdate();
            }
            int workers;
            // a job whose holder's row is gone counts as held by nobody, as it did once the row ran out
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox_workers WHERE alive_until < ?")) {
                ps.setObject(1, at(now.minus(Duration.ofDays(1))));
                workers = ps.executeUpdate();
            }
            return new Swept(keys, jobs, workers);
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    // ------------------------------------------------------------------------------------------- plumbing

    private interface Binder {
        /** Binds the statement's own parameters; returns the index of the first of the lease's three. */
        int bind(PreparedStatement ps) throws SQLException;
    }

    private void update(JobLease lease, String sql, Binder binder) {
        int count;
        try {
            count = inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bindLease(ps, binder.bind(ps), lease);
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw db.problem(e);
        }
        if (count == 0) {
            throw new LeaseLostException(lease);
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                db.answered();
                return result;
            } catch (SQLException | RuntimeException e) {
                // the pool restores auto-commit when the connection goes back; on a broken connection the
                // rollback fails too, and the first failure is the one that says why
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                    return true;
                }
                // a batch names the failing statement's exception as the next one
                for (SQLException next = s.getNextException(); next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
                if (s instanceof BatchUpdateException b && b.getCause() instanceof SQLException cause
                        && UNIQUE_VIOLATION.equals(cause.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void bindLease(PreparedStatement ps, int first, JobLease l) throws SQLException {
        ps.setLong(first, l.job());
        ps.setString(first + 1, l.owner());
        ps.setInt(first + 2, l.take());
    }

    static OffsetDateTime at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static void setNullable(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= 255 ? s : s.substring(0, 255);
    }

    /** A problem as recorded: one line, at most the column's 1,000 characters. */
    private static String problem(String s) {
        if (s == null) {
            return null;
        }
        String line = s.strip().replace('\n', ' ');
        return line.length() <= 1000 ? line : line.substring(0, 999) + "…";
    }
}
