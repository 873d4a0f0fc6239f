package dev.hostwise.bot.store;

import dev.hostwise.bot.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the store keeps beside verdicts for issue 14 (migration V8): where each chat verdict was posted
 * (its thread), which verdicts are muted, which verdicts a pooled verdict decided together, the changes
 * of inputs the watch re-checks for and its progress, the notices it owes, and its lease. Verdict rows
 * themselves are never changed here. Every method throws {@link StoreUnavailableException} when the
 * database cannot be reached.
 */
public final class WatchStore {

    /** SQLSTATE of a unique-key violation (H2 and PostgreSQL). */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String LEASE = "watch";

    private final Database db;

    public WatchStore(Database db) {
        this.db = db;
    }

    // ---- threads ----

    /** Where a verdict's message went: the conversation it is in and the thread to reply under. */
    public record Thread(Platform platform, String conversation, String thread) {
    }

    /** Remembers where a verdict was posted; a verdict's first posting is kept (a repeat is ignored). */
    public void rememberThread(String verdictId, Thread where, Instant at) {
        run(c -> insertThread(c, verdictId, where, at));
    }

    static void insertThread(Connection c, String verdictId, Thread where, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO verdict_thread (verdict_id, platform, conversation, thread,"
                + " posted_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, verdictId);
            ps.setString(2, where.platform().id());
            ps.setString(3, where.conversation());
            ps.setString(4, where.thread());
            ps.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    public Optional<Thread> threadOf(String verdictId) {
        return query(c -> threadOf(c, verdictId));
    }

    static Optional<Thread> threadOf(Connection c, String verdictId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT platform, conversation, thread FROM verdict_thread WHERE verdict_id = ?")) {
            ps.setString(1, verdictId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Thread(Platform.stored(rs.getString(1)), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    // ---- mutes ----

    /** Mutes a verdict's notices; muting twice is the same as once. */
    public void mute(String verdictId, String by, Instant at) {
        run(c -> insertMute(c, verdictId, by, at));
    }

    static void insertMute(Connection c, String verdictId, String by, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO verdict_mute (verdict_id, muted_by, muted_at) VALUES (?, ?, ?)")) {
            ps.setString(1, verdictId);
            ps.setString(2, by);
            ps.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    public boolean muted(String verdictId) {
        return query(c -> muted(c, verdictId));
    }

    static boolean muted(Connection c, String verdictId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM verdict_mute WHERE verdict_id = ?")) {
            ps.setString(1, verdictId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    // ---- pools ----

    /** The writes that record a pooled verdict's members, for the transaction that stores it. */
    public static VerdictStore.AlongWith poolMembers(List<String> memberIds) {
        return (c, stored) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO verdict_pool_member (pooled_id, member_id) VALUES (?, ?)")) {
                for (String member : memberIds) {
                    ps.setString(1, stored.id());
                    ps.setString(2, member);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        };
    }

    // ---- changes and their re-checks ----

    /** A change of the inputs verdicts rest on, as recorded. */
    public record Change(long id, String key, String reason, Instant createdAt) {
    }

    /** Which recorded changes to compare a new one's key with. */
    public enum Unless {
        /** Record it unless a change with the same key is still pending (a reload, an evidence import). */
        PENDING,
        /** Record it unless a change with the same key was ever recorded (what is in force at start-up). */
        EVER
    }

    /**
     * Records a change of the inputs verdicts rest on.
     *
     * @return true when this call recorded it; false when {@code unless} found one with the same key
     */
    public boolean recordChange(String key, String reason, Instant at, Unless unless) {
        return query(c -> {
            String k = clip(key, 255);
            try (PreparedStatement find = c.prepareStatement("SELECT 1 FROM watch_change WHERE change_key = ?"
                    + (unless == Unless.PENDING ? " AND done_at IS NULL" : ""))) {
                find.setString(1, k);
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO watch_change (change_key, reason, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, k);
                ps.setString(2, clip(reason, 2000));
                ps.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.executeUpdate();
                return true;
            }
        });
    }

    /** The changes not yet re-checked for, oldest first. */
    public List<Change> pendingChanges() {
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, change_key, reason, created_at FROM watch_change"
                    + " WHERE done_at IS NULL ORDER BY id")) {
                List<Change> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Change(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, OffsetDateTime.class).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    /** Marks changes as re-checked for. */
    public void markDone(List<Change> changes, Instant at) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE watch_change SET done_at = ? WHERE id = ?")) {
                for (Change ch : changes) {
                    ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    ps.setLong(2, ch.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** Records that a watched verdict was re-decided for a change and needs nothing done (or could not be read). */
    public void recordCheck(long changeId, String verdictId, String outcome, String note, Instant at) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO watch_check (change_id, verdict_id, outcome, note, checked_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, changeId);
                ps.setString(2, verdictId);
                ps.setString(3, outcome);
                ps.setString(4, note == null ? null : clip(note, 2000));
                ps.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
        });
    }

    /**
     * The rows that go with a verdict the watch stores in place of another, in the same transaction: the
     * notice it owes (already settled when the old verdict is muted), the old verdict's thread and mute,
     * inherited so a later re-check finds them, and the successor's own check for the change.
     */
    public static VerdictStore.AlongWith successorOf(String oldId, long changeId, Instant at) {
        return (c, stored) -> {
            // the successor was decided on the inputs in force: checked for this change by construction
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO watch_check (change_id, verdict_id, outcome, note, checked_at)"
                    + " VALUES (?, ?, 'successor', ?, ?)")) {
                ps.setLong(1, changeId);
                ps.setString(2, stored.id());
                ps.setString(3, "decided in place of " + oldId);
                ps.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.executeUpdate();
            }
            Optional<Thread> thread = threadOf(c, oldId);
            boolean muted = muted(c, oldId);
            if (thread.isPresent()) {
                insertThread(c, stored.id(), thread.get(), at);
            }
            if (muted) {
                insertMute(c, stored.id(), "inherited from " + oldId, at);
            }
            String state = muted ? "muted" : "pending";
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO watch_notice (verdict_id, old_verdict_id, state, detail,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, stored.id());
                ps.setString(2, oldId);
                ps.setString(3, state);
                ps.setString(4, muted ? "the asker muted " + oldId : null);
                ps.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.setObject(6, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.executeUpdate();
            }
        };
    }

    // ---- notices ----

    /** A notice owed: the verdict that supersedes another, and the one it supersedes. */
    public record Notice(String verdictId, String oldVerdictId, String state, Instant createdAt) {
    }

    /** Notices in a state, oldest first. */
    public List<Notice> notices(String state, int limit) {
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT verdict_id, old_verdict_id, state, created_at FROM watch_notice"
                    + " WHERE state = ? ORDER BY created_at, verdict_id LIMIT ?")) {
                ps.setString(1, state);
                ps.setInt(2, limit);
                List<Notice> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Notice(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, OffsetDateTime.class).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Moves a notice from one state to another, only if it is still in the first: claiming a pending
     * notice ('pending' to 'sending') succeeds for exactly one process.
     */
    public boolean move(String verdictId, String from, String to, String detail, Instant at) {
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE watch_notice SET state = ?, detail = ?, updated_at = ?"
                    + " WHERE verdict_id = ? AND state = ?")) {
                ps.setString(1, to);
                ps.setString(2, detail == null ? null : clip(detail, 2000));
                ps.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.setString(4, verdictId);
                ps.setString(5, from);
                return ps.executeUpdate() == 1;
            }
        });
    }

    // ---- the lease ----

    /**
     * Takes or renews the watch's lease for {@code holder} until {@code at + ttl}; false while another
     * holder's lease has not expired.
     */
    public boolean lease(String holder, Instant at, Duration ttl) {
        return query(c -> {
            OffsetDateTime now = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
            OffsetDateTime until = OffsetDateTime.ofInstant(at.plus(ttl), ZoneOffset.UTC);
            try (PreparedStatement up = c.prepareStatement("UPDATE watch_lease SET holder = ?, expires_at = ?"
                    + " WHERE name = ? AND (holder = ? OR expires_at < ?)")) {
                up.setString(1, holder);
                up.setObject(2, until);
                up.setString(3, LEASE);
                up.setString(4, holder);
                up.setObject(5, now);
                if (up.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO watch_lease (name, holder, expires_at) VALUES (?, ?, ?)")) {
                ins.setString(1, LEASE);
                ins.setString(2, holder);
                ins.setObject(3, until);
                ins.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Gives the lease back, if this holder has it. */
    public void release(String holder) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM watch_lease WHERE name = ? AND holder = ?")) {
                ps.setString(1, LEASE);
                ps.setString(2, holder);
                ps.executeUpdate();
            }
        });
    }

    // ---- plumbing ----

    private interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    private interface Step {
        void on(Connection c) throws SQLException;
    }

    private <T> T query(Work<T> work) {
        try (Connection c = db.connection()) {
            T result = work.on(c);
            db.answered();
            return result;
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    private void run(Step step) {
        query(c -> {
            step.on(c);
            return null;
        });
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

}
