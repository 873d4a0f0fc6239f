package dev.hostwise.bot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.VerdictIds;
import dev.hostwise.bot.VerdictJson;
import dev.hostwise.rules.Verdict;
import dev.hostwise.rules.facts.Recommendation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Where verdicts are kept: plain JDBC with prepared statements over {@link Database}. Verdicts are
 * written once and never updated; a re-evaluation is a new verdict that names the one it supersedes.
 *
 * <p>Every method throws {@link StoreUnavailableException} when the database cannot be reached.
 */
public final class VerdictStore implements AutoCloseable {

    /** SQLSTATE of a unique-key violation (H2 and PostgreSQL), and of a serialisation failure. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final int ATTEMPTS = 5;

    /**
     * The columns a verdict is written to. Who asked goes to the neutral columns (V4) and, for one
     * release, to the ones they replace too ({@code source}, {@code slack_team}, {@code slack_channel}), so
     * that a replica still on the previous version keeps reading and writing during a rolling update.
     */
    private static final String INSERT_COLUMNS = "id, link_token, created_at, recommendation, rules_revision, catalog_date, "
            + "app_version, platform, workspace, conversation, requested_by, supersedes, source, slack_team, slack_channel, "
            + "supersede_reason";

    /** The columns a verdict is read from; a row a previous-version replica wrote has only the old requester columns. */
    private static final String COLUMNS = "id, link_token, created_at, recommendation, rules_revision, catalog_date, app_version, "
            + "COALESCE(platform, source) AS platform, COALESCE(workspace, slack_team) AS workspace, "
            + "COALESCE(conversation, slack_channel) AS conversation, requested_by, supersedes, supersede_reason";

    private final Database db;
    private final VerdictJson json;
    private final PackedVerdict packer;
    private final LinkTokens tokens = new LinkTokens();

    private final RuleRevisions ruleRevisions;
    private final WatchStore watch;
    private final Outbox outbox;
    private final EvidenceStore evidence;
    private final GroupCommit<Draft, StoredVerdict> commits = new GroupCommit<>(this::writeBatch);

    private final Timer saveTime;
    private final DistributionSummary batchSize;
    private final Counter outages;
    private final Counter refusals;

    /** @param meters where the time to save, the verdicts per transaction and the failed saves are recorded */
    public VerdictStore(Database db, MeterRegistry meters) {
        this(db, meters, new VerdictJson());
    }

    /**
     * @param json the verdict JSON form, shared with whatever else writes verdicts in this process (the audit log),
     *             so the writers Jackson builds for each record type are built once
     */
    public VerdictStore(Database db, MeterRegistry meters, VerdictJson json) {
        this.db = db;
        this.json = json;
        this.packer = new PackedVerdict(json.mapper());
        this.ruleRevisions = new RuleRevisions(db);
        this.watch = new WatchStore(db);
        this.outbox = new Outbox(db, meters, java.time.Clock.systemUTC());
        this.evidence = new EvidenceStore(db);
        this.saveTime = Timer.builder("hostwise.store.save")
                .description("Saving a verdict, as its caller waits: queueing for the transaction included")
                .register(meters);
        this.batchSize = DistributionSummary.builder("hostwise.store.batch")
                .description("Verdicts written per transaction (saves at the same moment share one)")
                .baseUnit("verdicts")
                .register(meters);
        this.outages = Counter.builder("hostwise.store.failures").tag("kind", "outage")
                .description("Verdicts answered but not saved").register(meters);
        this.refusals = Counter.builder("hostwise.store.failures").tag("kind", "refused")
                .description("Verdicts answered but not saved").register(meters);
    }

    /**
     * Builds what the first save of a verdict would otherwise build as it goes (the verdict's JSON writer), for a
     * command that has a moment to spare before it decides, e.g. while its policy is still being read.
     */
    public void prepareFirstSave() {
        packer.prepare();
    }

    /** Threads, mutes, pool members, and the watch's changes, progress, notices and lease (V8). */
    public WatchStore watch() {
        return watch;
    }

    /** The sources of every rules revision that decided a stored verdict. */
    public RuleRevisions ruleRevisions() {
        return ruleRevisions;
    }

    /** The outbox and the request keys shared by every replica, on the same database. */
    public Outbox outbox() {
        return outbox;
    }

    /** The load tests handed back as evidence, beside the verdicts that rest on them. */
    public EvidenceStore evidence() {
        return evidence;
    }

    /**
     * A verdict waiting to be numbered and written, already packed (packing is the CPU-heavy part of a
     * save, so it happens on the caller's thread, not inside the transaction saves queue for), and the
     * outbox job it answers, if any.
     */
    private record Draft(Verdict verdict, Requester who, String appVersion, Optional<String> supersedes,
                         List<RuleReason> ruleReasons, Optional<String> supersedeReason, byte[] packed, Optional<JobLease> job) {
    }

    /** More rows to write in the transaction that stores a verdict, given it as numbered. */
    @FunctionalInterface
    public interface AlongWith {
        void write(Connection c, StoredVerdict stored) throws SQLException;
    }

    /**
     * Numbers a verdict and stores it with a fresh link token; returns it as stored, under its citable
     * ID. The number is the next of the year the verdict was decided in: several replicas can save at
     * once against one database, and the counter row's lock serialises them. Verdicts saved at the
     * same moment share one transaction ({@link GroupCommit}); this returns once it has committed.
     *
     * @param draft       the decided verdict; its ID is replaced by the one assigned here
     * @param supersedes  the ID of the verdict this one re-evaluates, if any
     * @param ruleReasons the {@code @reason} of each fired rule in the revision that decided it
     */
    public StoredVerdict save(Verdict draft, Requester requester, String appVersion,
                              Optional<String> supersedes, List<RuleReason> ruleReasons) {
        return save(draft, requester, appVersion, supersedes, ruleReasons, supersedes.map(s -> "re-evaluated on request"),
                Optional.empty());
    }

    /**
     * As {@link #save(Verdict, Requester, String, Optional, List)}, and records the verdict's ID on the outbox job
     * it answers in the same transaction: a job taken over after a crash then has its verdict delivered, never
     * decided again, and a verdict is never stored for a job without the job knowing.
     *
     * @param job the lease of the outbox job this verdict answers, when it answers one
     * @throws LeaseLostException when the job is no longer held under {@code job} (another replica took it
     *                            over): nothing is stored
     */
    public StoredVerdict save(Verdict draft, Requester requester, String appVersion,
                              Optional<String> supersedes, List<RuleReason> ruleReasons, Optional<JobLease> job) {
        return save(draft, requester, appVersion, supersedes, ruleReasons, supersedes.map(s -> "re-evaluated on request"), job);
    }

    /**
     * As {@link #save(Verdict, Requester, String, Optional, List, Optional)}, saying why it supersedes the verdict
     * it names ({@code supersededBy.reason} on the old verdict's page and JSON).
     */
    public StoredVerdict save(Verdict draft, Requester requester, String appVersion, Optional<String> supersedes,
                              List<RuleReason> ruleReasons, Optional<String> supersedeReason, Optional<JobLease> job) {
        long started = System.nanoTime();
        try {
            // packed without its ID, which is its own column and is only assigned in the transaction
            byte[] packed = packer.pack(draft.withId(null), ruleReasons);
            return commits.save(new Draft(draft, clipped(requester), appVersion, supersedes, ruleReasons,
                    supersedeReason.map(VerdictStore::clipReason), packed, job));
        } finally {
            saveTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Stores a verdict that supersedes another, with more rows in the same transaction (the watch's
     * notice, the inherited thread and mute), and only if nothing superseded that verdict meanwhile:
     * the transaction locks the old verdict's row and checks, so two replicas, or a run resumed after a
     * crash, never store two successors for one verdict. Not batched with other saves.
     *
     * @return the verdict as stored; empty when another verdict already superseded {@code supersedes}
     */
    public Optional<StoredVerdict> saveSuperseding(Verdict draft, Requester requester, String appVersion, String supersedes,
                                                   List<RuleReason> ruleReasons, String reason, AlongWith along) {
        return saveAlone(new Draft(draft, clipped(requester), appVersion, Optional.of(supersedes), ruleReasons,
                Optional.of(clipReason(reason)), packer.pack(draft.withId(null), ruleReasons), Optional.empty()), along);
    }

    /** Stores a verdict with more rows in the same transaction (a pooled verdict's members), not batched with other saves. */
    public StoredVerdict saveWith(Verdict draft, Requester requester, String appVersion, List<RuleReason> ruleReasons,
                                  AlongWith along) {
        return saveAlone(new Draft(draft, clipped(requester), appVersion, Optional.empty(), ruleReasons, Optional.empty(),
                packer.pack(draft.withId(null), ruleReasons), Optional.empty()), along)
                .orElseThrow();
    }

    private Optional<StoredVerdict> saveAlone(Draft d, AlongWith along) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    if (d.supersedes().isPresent()) {
                        String old = d.supersedes().get();
                        // the row lock serialises successors of one verdict across replicas
                        try (PreparedStatement lock = c.prepareStatement("SELECT id FROM verdict WHERE id = ? FOR UPDATE")) {
                            lock.setString(1, old);
                            lock.executeQuery().close();
                        }
                        try (PreparedStatement already = c.prepareStatement("SELECT 1 FROM verdict WHERE supersedes = ?")) {
                            already.setString(1, old);
                            try (ResultSet rs = already.executeQuery()) {
                                if (rs.next()) {
                                    c.rollback();
                                    return Optional.empty();
                                }
                            }
                        }
                    }
                    StoredVerdict stored = insert(c, List.of(d)).get(0);
                    along.write(c, stored);
                    c.commit();
                    db.answered();
                    batchSize.record(1);
                    return Optional.of(stored);
                } catch (SQLException e) {
                    try {
                        c.rollback();
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback);
                    }
                    if (attempt < ATTEMPTS && retryable(e)) {
                        continue;
                    }
                    throw e;
                }
            } catch (SQLException e) {
                outages.increment();
                throw db.problem(e);
            }
        }
    }

    private static Requester clipped(Requester requester) {
        return new Requester(requester.platform(), clip(requester.workspace()), clip(requester.conversation()),
                clip(requester.user()));
    }

    private static String clipReason(String reason) {
        return reason.length() <= 2000 ? reason : reason.substring(0, 1997) + "...";
    }

    /**
     * Writes a batch in one transaction. If it fails for a reason other than an outage (one verdict
     * the database refuses), each verdict is tried in a transaction of its own, so only that one fails.
     */
    private void writeBatch(List<GroupCommit.Entry<Draft, StoredVerdict>> batch) {
        try {
            List<StoredVerdict> stored = insert(batch.stream().map(GroupCommit.Entry::item).toList());
            batchSize.record(batch.size());
            db.wrote(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).succeed(stored.get(i));
            }
        } catch (SQLException e) {
            StoreUnavailableException problem = db.problem(e);
            boolean outage = Database.isOutage(e);
            if (batch.size() == 1 || outage) {
                (outage ? outages : refusals).increment(batch.size());
                batch.forEach(entry -> entry.fail(problem));
                return;
            }
            batch.forEach(entry -> writeBatch(List.of(entry)));
        } catch (StoreUnavailableException e) {
            outages.increment(batch.size());
            batch.forEach(entry -> entry.fail(e));
        } catch (LeaseLostException e) {
            // a job's worker lost it to another replica: that verdict alone is not stored
            if (batch.size() == 1) {
                batch.get(0).fail(e);
                return;
            }
            batch.forEach(entry -> writeBatch(List.of(entry)));
        }
    }

    /** Numbers and inserts the drafts in one transaction, retrying when another replica raced for a counter. */
    private List<StoredVerdict> insert(List<Draft> drafts) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    List<StoredVerdict> stored = insert(c, drafts);
                    c.commit();
                    db.answered();
                    return stored;
                } catch (SQLException | LeaseLostException e) {
                    // the pool restores auto-commit when the connection goes back. On a connection that broke, the
                    // rollback fails too: the first failure is the one that says why
                    try {
                        c.rollback();
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback);
                    }
                    if (attempt < ATTEMPTS && e instanceof SQLException s && retryable(s)) {
                        continue;
                    }
                    throw e;
                }
            }
        }
    }

    private List<StoredVerdict> insert(Connection c, List<Draft> drafts) throws SQLException {
        // numbers in the order the drafts were queued, a block per year (a batch can straddle New Year)
        Map<Integer, Integer> perYear = new TreeMap<>();
        drafts.forEach(d -> perYear.merge(VerdictIds.yearOf(d.verdict().createdAt()), 1, Integer::sum));
        Map<Integer, Integer> next = new HashMap<>();
        for (Map.Entry<Integer, Integer> year : perYear.entrySet()) {
            next.put(year.getKey(), takeNumbers(c, year.getKey(), year.getValue()));
        }
        String sql = "INSERT INTO verdict (" + INSERT_COLUMNS + ", verdict_packed) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        List<StoredVerdict> out = new ArrayList<>(drafts.size());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Draft d : drafts) {
                int year = VerdictIds.yearOf(d.verdict().createdAt());
                Verdict verdict = d.verdict().withId(VerdictIds.format(year, next.merge(year, 1, Integer::sum) - 1));
                StoredVerdict stored = new StoredVerdict(verdict, tokens.next(), d.who(), d.appVersion(), d.supersedes(),
                        d.ruleReasons(), d.supersedeReason());
                bind(ps, stored, d.packed());
                ps.addBatch();
                out.add(stored);
            }
            ps.executeBatch();
        }
        recordOnJobs(c, drafts, out);
        return out;
    }

    /** Names each verdict on the outbox job it answers; fails the transaction when a worker no longer holds its job. */
    private static void recordOnJobs(Connection c, List<Draft> drafts, List<StoredVerdict> stored) throws SQLException {
        List<JobLease> leases = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox_jobs SET verdict_id = ?, decided_at = CURRENT_TIMESTAMP "
                + "WHERE id = ? AND lease_owner = ? AND takes = ? AND state = 'PENDING' AND verdict_id IS NULL")) {
            for (int i = 0; i < drafts.size(); i++) {
                Optional<JobLease> job = drafts.get(i).job();
                if (job.isPresent()) {
                    ps.setString(1, stored.get(i).verdict().id());
                    ps.setLong(2, job.get().job());
                    ps.setString(3, job.get().owner());
                    ps.setInt(4, job.get().take());
                    ps.addBatch();
                    leases.add(job.get());
                }
            }
            if (leases.isEmpty()) {
                return;
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw new LeaseLostException(leases.get(i));
                }
            }
        }
    }

    /** Takes {@code count} numbers of the year; returns the first. */
    private static int takeNumbers(Connection c, int year, int count) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE verdict_counter SET last_number = last_number + ? WHERE counter_year = ?")) {
            up.setInt(1, count);
            up.setInt(2, year);
            if (up.executeUpdate() == 0) {
                // first verdicts of the year; if another replica inserts the row first, the key
                // violation rolls this attempt back and the next one takes the UPDATE path
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO verdict_counter (counter_year, last_number) VALUES (?, ?)")) {
                    ins.setInt(1, year);
                    ins.setInt(2, count);
                    ins.executeUpdate();
                    return 1;
                }
            }
        }
        try (PreparedStatement sel = c.prepareStatement("SELECT last_number FROM verdict_counter WHERE counter_year = ?")) {
            sel.setInt(1, year);
            try (ResultSet rs = sel.executeQuery()) {
                rs.next();
                return rs.getInt(1) - count + 1;
            }
        }
    }

    private static boolean retryable(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState()) || SERIALIZATION_FAILURE.equals(e.getSQLState());
    }

    private void bind(PreparedStatement ps, StoredVerdict stored, byte[] packed) throws SQLException {
        Verdict verdict = stored.verdict();
        Requester who = stored.requester();
        int i = 0;
        ps.setString(++i, verdict.id());
        ps.setString(++i, stored.linkToken());
        ps.setObject(++i, OffsetDateTime.ofInstant(verdict.createdAt(), ZoneOffset.UTC));
        ps.setString(++i, verdict.recommendation().name());
        ps.setString(++i, verdict.rulesRevision());
        ps.setObject(++i, verdict.catalogDate());
        ps.setString(++i, stored.appVersion());
        ps.setString(++i, who.platform().id());
        setNullable(ps, ++i, who.workspace());
        setNullable(ps, ++i, who.conversation());
        setNullable(ps, ++i, who.user());
        setNullable(ps, ++i, stored.supersedes().orElse(null));
        // the legacy mirror (see INSERT_COLUMNS); a later migration drops it
        ps.setString(++i, who.platform().id());
        setNullable(ps, ++i, who.workspace());
        setNullable(ps, ++i, who.conversation());
        setNullable(ps, ++i, stored.supersedeReason().orElse(null));
        ps.setBytes(++i, packed);
    }

    /** The verdict behind a page link; empty for a token that was never issued. */
    public Optional<StoredVerdict> byToken(String token) {
        if (!LinkTokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return findOne("link_token", token);
    }

    /** The verdict with a citable ID, for lookups by people who may see it (e.g. workspace members in Slack). */
    public Optional<StoredVerdict> byId(String id) {
        if (id == null || id.length() > 32) {
            return Optional.empty();
        }
        return findOne("id", id.trim().toUpperCase(java.util.Locale.ROOT));
    }

    private Optional<StoredVerdict> findOne(String column, String value) {
        // column is one of two constants above, never user text
        String sql = "SELECT " + COLUMNS + ", verdict_packed, rule_reasons, verdict_json FROM verdict WHERE " + column + " = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    /** The newest whole verdicts first, at most {@code limit}, in one query: what replaying many of them needs. */
    public List<StoredVerdict> recentVerdicts(int limit) {
        String sql = "SELECT " + COLUMNS + ", verdict_packed, rule_reasons, verdict_json FROM verdict ORDER BY created_at DESC, id DESC LIMIT ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            List<StoredVerdict> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(stored(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    /**
     * The verdicts the watch looks after, oldest first, at most {@code limit}: decided at or after
     * {@code since}, not superseded by any verdict, and not yet re-checked for the change {@code changeId}
     * (no {@code watch_check} row). Each call continues where the rows recorded so far leave off.
     */
    public List<StoredVerdict> watched(java.time.Instant since, long changeId, int limit) {
        String sql = "SELECT " + COLUMNS + ", verdict_packed, rule_reasons, verdict_json FROM verdict v WHERE created_at >= ?"
                + " AND NOT EXISTS (SELECT 1 FROM verdict n WHERE n.supersedes = v.id)"
                + " AND NOT EXISTS (SELECT 1 FROM watch_check w WHERE w.change_id = ? AND w.verdict_id = v.id)"
                + " ORDER BY created_at, id LIMIT ?";
        return verdicts(sql, ps -> {
            ps.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            ps.setLong(2, changeId);
            ps.setInt(3, limit);
        });
    }

    /** Every verdict decided at or after {@code since} that no verdict supersedes, oldest first: what pooling looks at. */
    public List<StoredVerdict> current(java.time.Instant since, int limit) {
        String sql = "SELECT " + COLUMNS + ", verdict_packed, rule_reasons, verdict_json FROM verdict v WHERE created_at >= ?"
                + " AND NOT EXISTS (SELECT 1 FROM verdict n WHERE n.supersedes = v.id) ORDER BY created_at, id LIMIT ?";
        return verdicts(sql, ps -> {
            ps.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            ps.setInt(2, limit);
        });
    }

    private List<StoredVerdict> verdicts(String sql, Binder binder) {
        return rows(sql, binder, this::stored);
    }

    private StoredVerdict stored(ResultSet rs) throws SQLException {
        VerdictSummary s = summary(rs);
        byte[] packed = rs.getBytes("verdict_packed");
        if (packed != null) {
            PackedVerdict.Contents contents = packer.unpack(packed);
            return new StoredVerdict(contents.verdict().withId(s.id()), s.linkToken(), s.requester(), s.appVersion(),
                    s.supersedes(), contents.ruleReasons(), s.supersedeReason());
        }
        // written before verdicts were packed (schema version 5): the JSON texts as they were stored
        Verdict v = json.read(rs.getString("verdict_json"));
        return new StoredVerdict(v, s.linkToken(), s.requester(), s.appVersion(), s.supersedes(),
                readReasons(rs.getString("rule_reasons")), s.supersedeReason());
    }

    /** The newest verdicts first, at most {@code limit}. */
    public List<VerdictSummary> recent(int limit) {
        return list("SELECT " + COLUMNS + " FROM verdict ORDER BY created_at DESC, id DESC LIMIT ?", ps -> ps.setInt(1, limit));
    }

    /** A chat user's most recent verdicts on one platform, newest first: Slack's App Home lists them. */
    public List<VerdictSummary> recentBy(Platform platform, String user, int limit) {
        return list("SELECT " + COLUMNS + " FROM verdict WHERE platform = ? AND requested_by = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                ps -> {
                    ps.setString(1, platform.id());
                    ps.setString(2, user);
                    ps.setInt(3, limit);
                });
    }

    /** The verdicts that re-evaluated this one, oldest first. */
    public List<VerdictSummary> supersededBy(String id) {
        return list("SELECT " + COLUMNS + " FROM verdict WHERE supersedes = ? ORDER BY created_at, id", ps -> ps.setString(1, id));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private List<VerdictSummary> list(String sql, Binder binder) {
        return rows(sql, binder, VerdictStore::summary);
    }

    private <T> List<T> rows(String sql, Binder binder, RowReader<T> reader) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw db.problem(e);
        }
    }

    private static VerdictSummary summary(ResultSet rs) throws SQLException {
        return new VerdictSummary(
                rs.getString("id"),
                rs.getString("link_token"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                Recommendation.valueOf(rs.getString("recommendation")),
                rs.getString("rules_revision"),
                rs.getObject("catalog_date", LocalDate.class),
                rs.getString("app_version"),
                new Requester(Platform.stored(rs.getString("platform")), rs.getString("workspace"), rs.getString("conversation"),
                        rs.getString("requested_by")),
                Optional.ofNullable(rs.getString("supersedes")),
                Optional.ofNullable(rs.getString("supersede_reason")));
    }

    private static void setNullable(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }

    /** Requester fields are IDs and names; a longer one is cut rather than losing the verdict. */
    private static String clip(String s) {
        return s == null || s.length() <= 255 ? s : s.substring(0, 255);
    }

    private List<RuleReason> readReasons(String text) {
        try {
            return json.mapper().readValue(text, new TypeReference<List<RuleReason>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule reasons are not valid JSON", e);
        }
    }

    public Database database() {
        return db;
    }

    @Override
    public void close() {
        db.close();
    }
}
