package dev.hostwise.bot.store;

import dev.hostwise.bot.Requester;
import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.evidence.LoadTestRun;
import dev.hostwise.knowledge.evidence.ThroughputEvidence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load tests handed back as evidence (migration V7), one row per result file, keyed by the file's
 * SHA-256. Rows are written once and never changed: importing the same file again changes nothing, and
 * a decision reads the rows imported before its own moment ({@link #asOf}), which is what makes a replay
 * of a verdict on the evidence it saw possible.
 *
 * <p>Every method but {@link #asOf} throws {@link StoreUnavailableException} when the database cannot be
 * reached.
 */
public final class EvidenceStore {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceStore.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String COLUMNS = "evidence_id, imported_at, measured_on, date_from_file, model, gpu_type, "
            + "gpus_per_replica, weight_precision, concurrency, concurrency_from, input_tokens, output_tokens, "
            + "requests_per_second, output_tokens_per_second, seconds_per_request, seconds_from, completed, failed, "
            + "duration_seconds, mean_ttft_ms, p99_ttft_ms, mean_tpot_ms, p99_tpot_ms, mean_e2el_ms, p99_e2el_ms, model_id, "
            + "backend, file_name";

    private final Database db;

    public EvidenceStore(Database db) {
        this.db = db;
    }

    /**
     * What an import did.
     *
     * @param run   the evidence as stored: the one just written, or the one already there
     * @param isNew false when the same file had been imported before (nothing was written)
     */
    public record Saved(LoadTestRun run, boolean isNew) {
    }

    /**
     * Stores a run, once per file.
     *
     * @throws EvidenceConflictException when the same file was imported before for another configuration:
     *                                   one file is evidence for the configuration it ran on, not for two
     */
    public Saved save(LoadTestRun run, Requester who) {
        Optional<LoadTestRun> existing = byId(run.evidenceId());
        if (existing.isPresent()) {
            return same(existing.get(), run);
        }
        String sql = "INSERT INTO throughput_evidence (" + COLUMNS + ", imported_platform, imported_by) VALUES ("
                + "?, ".repeat(29) + "?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, run, who);
            ps.executeUpdate();
            return new Saved(run, true);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // imported at the same moment elsewhere (another replica, another tab): the same thing
                return same(byId(run.evidenceId()).orElseThrow(() -> db.problem(e)), run);
            }
            throw db.problem(e);
        }
    }

    private static Saved same(LoadTestRun stored, LoadTestRun asked) {
        if (!stored.model().equals(asked.model()) || !stored.gpuType().equals(asked.gpuType())
                || stored.gpusPerReplica() != asked.gpusPerReplica() || !stored.precision().runsAs(asked.precision())) {
            throw new EvidenceConflictException(stored, asked);
        }
        return new Saved(stored, false);
    }

    /** One run by its evidence ID (the file's SHA-256). */
    public Optional<LoadTestRun> byId(String evidenceId) {
        List<LoadTestRun> found = query("SELECT " + COLUMNS + " FROM throughput_evidence WHERE evidence_id = ?",
                ps -> ps.setString(1, evidenceId));
        return found.stream().findFirst();
    }

    /** Every run of an open model imported at or before {@code at}, oldest import first. */
    public List<LoadTestRun> runsFor(String model, Instant at) {
        return query("SELECT " + COLUMNS + " FROM throughput_evidence WHERE model = ? AND imported_at <= ?"
                + " ORDER BY imported_at, evidence_id", ps -> {
                    ps.setString(1, model);
                    ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                });
    }

    /** The newest imports first, at most {@code limit}. */
    public List<LoadTestRun> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM throughput_evidence ORDER BY imported_at DESC, evidence_id LIMIT ?",
                ps -> ps.setInt(1, limit));
    }

    /**
     * The evidence a decision made at {@code at} may rest on: the runs imported at or before that moment.
     * Each model is read once and kept for the decision, so a configuration search and the pricing after it
     * see the same runs. When the database cannot be reached the decision goes ahead without evidence (its
     * throughput estimated, as before any import), and the log says so: answering is worth more than waiting.
     */
    public ThroughputEvidence asOf(Instant at) {
        Map<String, List<LoadTestRun>> read = new ConcurrentHashMap<>();
        return model -> read.computeIfAbsent(model, m -> {
            try {
                return List.copyOf(runsFor(m, at));
            } catch (StoreUnavailableException e) {
                LOG.warn("load tests for {} could not be read, so this decision estimates the throughput: {}", m, e.getMessage());
                return List.of();
            }
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<LoadTestRun> query(String sql, Binder binder) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<LoadTestRun> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(run(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    private static void bind(PreparedStatement ps, LoadTestRun r, Requester who) throws SQLException {
        int i = 0;
        ps.setString(++i, r.evidenceId());
        ps.setObject(++i, OffsetDateTime.ofInstant(r.importedAt(), ZoneOffset.UTC));
        ps.setObject(++i, r.measuredOn());
        ps.setBoolean(++i, r.dateFromFile());
        ps.setString(++i, r.model());
        ps.setString(++i, r.gpuType());
        ps.setInt(++i, r.gpusPerReplica());
        ps.setString(++i, r.precision().name());
        ps.setInt(++i, r.concurrency());
        ps.setString(++i, clip(r.concurrencyFrom(), 255));
        ps.setDouble(++i, r.inputTokens());
        ps.setDouble(++i, r.outputTokens());
        ps.setDouble(++i, r.requestsPerSecond());
        ps.setDouble(++i, r.outputTokensPerSecond());
        ps.setDouble(++i, r.secondsPerRequest());
        ps.setString(++i, clip(r.secondsFrom(), 255));
        ps.setInt(++i, r.completed());
        ps.setInt(++i, r.failed());
        ps.setDouble(++i, r.durationSeconds());
        setNullable(ps, ++i, r.meanTtftMs());
        setNullable(ps, ++i, r.p99TtftMs());
        setNullable(ps, ++i, r.meanTpotMs());
        setNullable(ps, ++i, r.p99TpotMs());
        setNullable(ps, ++i, r.meanE2elMs());
        setNullable(ps, ++i, r.p99E2elMs());
        ps.setString(++i, clip(r.modelId(), 512));
        if (r.backend() == null) {
            ps.setNull(++i, Types.VARCHAR);
        } else {
            ps.setString(++i, clip(r.backend(), 64));
        }
        ps.setString(++i, clip(r.file(), 512));
        ps.setString(++i, who.platform().id());
        if (who.user() == null) {
            ps.setNull(++i, Types.VARCHAR);
        } else {
            ps.setString(++i, clip(who.user(), 255));
        }
    }

    private static LoadTestRun run(ResultSet rs) throws SQLException {
        return new LoadTestRun(
                rs.getString("evidence_id"),
                rs.getObject("measured_on", LocalDate.class),
                rs.getBoolean("date_from_file"),
                rs.getObject("imported_at", OffsetDateTime.class).toInstant(),
                rs.getString("model"),
                rs.getString("gpu_type"),
                rs.getInt("gpus_per_replica"),
                Precision.valueOf(rs.getString("weight_precision")),
                rs.getInt("concurrency"),
                rs.getString("concurrency_from"),
                rs.getDouble("input_tokens"),
                rs.getDouble("output_tokens"),
                rs.getDouble("requests_per_second"),
                rs.getDouble("output_tokens_per_second"),
                rs.getDouble("seconds_per_request"),
                rs.getString("seconds_from"),
                rs.getInt("completed"),
                rs.getInt("failed"),
                rs.getDouble("duration_seconds"),
                nullable(rs, "mean_ttft_ms"),
                nullable(rs, "p99_ttft_ms"),
                nullable(rs, "mean_tpot_ms"),
                nullable(rs, "p99_tpot_ms"),
                nullable(rs, "mean_e2el_ms"),
                nullable(rs, "p99_e2el_ms"),
                rs.getString("model_id"),
                rs.getString("backend"),
                rs.getString("file_name"));
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double d = rs.getDouble(column);
        return rs.wasNull() ? null : d;
    }

    private static void setNullable(PreparedStatement ps, int i, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, value);
        }
    }

    /** Names from files and users are kept whole up to the column's size; a longer one is cut rather than refused. */
    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
