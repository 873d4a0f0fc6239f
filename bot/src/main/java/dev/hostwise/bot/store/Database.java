package dev.hostwise.bot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool (HikariCP) and schema migrations (Flyway) of the verdict store.
 *
 * <p>Opening never fails because the database is down: the pool is created without connecting,
 * migrations are tried once at start-up and again on the next use until they succeed, and every
 * wait is bounded: for a connection ({@link #CONNECTION_TIMEOUT_MS}), for its check, and on
 * PostgreSQL for every answer from the server ({@link #STATEMENT_TIMEOUT_S}), so a database that
 * hangs costs a request about two seconds, not ten. A caller that cannot get a connection gets a
 * {@link StoreUnavailableException} with one readable line.
 *
 * <p>An outage (the database went away, was closed, or its disk is full or read-only; see
 * {@link #isOutage}) evicts every pooled connection: they are all suspect, and an embedded H2 database
 * that closed itself after a full disk answers "database has been closed" on every old connection
 * forever. New connections open it again once it can be opened, so the store recovers by itself.
 * {@link #watch} keeps trying in the background and keeps {@link #unavailable()} current for
 * {@code /readyz}, which must never wait for the database itself.
 */
public final class Database implements AutoCloseable {

    /** How long a decision waits for a connection before it answers without saving. */
    public static final long CONNECTION_TIMEOUT_MS = 2_000;

    /** How long a pooled connection's check may take before the connection is thrown away. */
    static final long VALIDATION_TIMEOUT_MS = 1_000;

    /**
     * How long PostgreSQL may take to answer any one read: a statement, a commit, the login. A hung server
     * (stopped, or its disk stuck) accepts connections and then says nothing; without this the first request
     * would wait for the driver's own limit. Migrations are not bound by it (see {@link #migrationPool}).
     */
    static final int STATEMENT_TIMEOUT_S = 2;

    /** How long PostgreSQL keeps a transaction open whose client has gone quiet in the middle of it. */
    static final int IDLE_IN_TRANSACTION_S = 10;

    /**
     * After the database failed to answer, calls within this window fail at once with the same
     * reason instead of each waiting {@link #CONNECTION_TIMEOUT_MS} again: during an outage the bot
     * stays quick, and it tries the database again at most this often (the watch, when running, sooner).
     */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** Below this much free space on an embedded database's disk, the store counts as full. */
    static final long MIN_FREE_BYTES = 1024 * 1024;

    /** How often {@link #watch} checks the database. */
    public static final Duration WATCH_EVERY = Duration.ofSeconds(2);

    /**
     * SQLSTATEs that mean the database, not the statement, is the problem. Standard classes: 08 (connection
     * exception), 53 (insufficient resources: disk full, out of memory, too many connections), 57P (the server
     * is shutting down or starting), 58 (system error, e.g. an I/O error), and 25006 (the server went read-only,
     * as an old primary does after a failover). H2's own codes: the database is closed or being closed (90098,
     * 90121), a broken connection (90067), I/O errors (90028, 90031), a file it could not create (90062), a
     * read-only database (90097), an out-of-memory (90108), and a database another process holds (90020).
     */
    private static final Set<String> H2_OUTAGES = Set.of("90098", "90121", "90067", "90028", "90031", "90062", "90097",
            "90108", "90020");

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /**
     * The schema version the newest migration in {@code db/migration} brings ({@code V5__...sql} is 5).
     * A database already at it is not migrated again: Flyway (which scans the class path for migrations
     * and validates each applied one) runs only when the version differs. {@code SchemaVersionTest}
     * fails if a migration is added without raising this.
     */
    public static final String SCHEMA_VERSION = "8";

    /** Verdicts between two compactions of an embedded H2 file by a long-lived store. */
    static final int COMPACT_EVERY = 1_000;
    /** How long one compaction may hold up commits while the store is open. */
    static final Duration COMPACT_WHILE_OPEN = Duration.ofMillis(200);
    /** How long compacting may take when a long-lived store closes (a server stopping). */
    static final Duration COMPACT_AT_CLOSE = Duration.ofSeconds(2);

    private final DatabaseSettings settings;
    private final Object poolLock = new Object();
    /** A long-lived store (a server) compacts an embedded H2 file as it goes and when it closes; a one-off command does not. */
    private volatile boolean compactsWhileOpen;
    private final AtomicInteger writesSinceCompaction = new AtomicInteger();
    private final AtomicBoolean compacting = new AtomicBoolean();
    /** Created on first use: a command that never saves (bad input) never opens the database. */
    private volatile HikariDataSource pool;
    private volatile boolean closed;
    /** Whether the first migration still lies ahead, for a store opened on first use (it retries as at start-up). */
    private volatile boolean firstUseIsStartup;
    private final ReentrantLock migrationLock = new ReentrantLock();
    private volatile boolean migrated;
    private volatile String startupProblem;
    private final long retryAfterNanos;
    /** While {@code System.nanoTime()} is before this, fail fast with {@link #lastFailure}. */
    private volatile long quietUntil;
    private volatile StoreUnavailableException lastFailure;
    /** Why the store is unavailable now, and since when; null while it answers. */
    private volatile Down down;
    private volatile ScheduledExecutorService watcher;
    /** A one-off command's store being opened on another core while the verdict is worked out; null if not. */
    private volatile CompletableFuture<Void> opening;

    private record Down(String reason, Instant since) {
    }

    private Database(DatabaseSettings settings, Duration retryAfter) {
        this.settings = settings;
        this.retryAfterNanos = retryAfter.toNanos();
    }

    /**
     * Creates the pool and runs the migrations. When the database is down it carries on and keeps the
     * reason in {@link #startupProblem()}: the server logs it, the CLI says it once per verdict.
     */
    public static Database open(DatabaseSettings settings) {
        return open(settings, RETRY_AFTER);
    }

    /** As {@link #open(DatabaseSettings)}, with another wait before the database is tried again after a failure. */
    public static Database open(DatabaseSettings settings, Duration retryAfter) {
        Database db = new Database(settings, retryAfter);
        db.compactsWhileOpen = settings.isH2();
        try {
            db.migrate(true, true);
        } catch (StoreUnavailableException e) {
            db.startupProblem = e.getMessage();
        }
        return db;
    }

    /**
     * The store of a one-off command ({@code hostwise decide}): nothing is opened until the first
     * connection is asked for, i.e. once there is a verdict to save. The migrations run then, if the
     * schema is not current, with the start-up retries.
     */
    public static Database openOnFirstUse(DatabaseSettings settings) {
        Database db = new Database(settings, RETRY_AFTER);
        db.firstUseIsStartup = true;
        return db;
    }

    /**
     * Starts opening a store created by {@link #openOnFirstUse} (the pool, and the migrations if the schema is
     * not current) on a thread of its own, so a one-off command's save does not wait for it after the verdict
     * is ready: on two cores the opening and the decision overlap. The first connection asked for waits for
     * it; a failure here is only remembered as any first use's would be, and the save reports it.
     */
    public void openInBackground() {
        if (pool != null || opening != null || closed) {
            return;
        }
        opening = CompletableFuture.runAsync(() -> {
            try {
                migrate();
            } catch (RuntimeException e) {
                LOG.debug("opening the store in the background failed ({}); the save will say so", e.toString());
            }
        }, task -> {
            Thread t = new Thread(task, "hostwise-store-open");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Waits for {@link #openInBackground()} to finish, if it was started: a save never races the opening. */
    private void awaitOpening() {
        CompletableFuture<Void> o = opening;
        if (o != null) {
            o.join();
        }
    }

    private HikariDataSource pool() {
        HikariDataSource p = pool;
        if (p != null) {
            return p;
        }
        synchronized (poolLock) {
            if (pool == null) {
                if (closed) {
                    throw new StoreUnavailableException("the verdict store (" + settings.description() + ") is closed", null);
                }
                pool = pool(settings);
            }
            return pool;
        }
    }

    /** Why the store could not be reached at start-up, if it could not. */
    public Optional<String> startupProblem() {
        return Optional.ofNullable(startupProblem);
    }

    private static HikariDataSource pool(DatabaseSettings s) {
        if (s.isH2()) {
            prepareH2(s);
        }
        HikariConfig c = config(s, "hostwise-store", STATEMENT_TIMEOUT_S);
        // a small pool: a save is one short transaction, concurrent saves share one, and the machine has few cores
        c.setMaximumPoolSize(4);
        // one connection stays open, which also keeps an embedded H2 database open between requests
        c.setMinimumIdle(1);
        // every connection that failed with an outage is thrown away, not handed to the next caller
        c.setExceptionOverride(new EvictOnOutage());
        return new HikariDataSource(c);
    }

    /** Tells the pool to throw away a connection that failed with an outage (Hikari only knows class 08 itself). */
    private static final class EvictOnOutage implements SQLExceptionOverride {
        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            return isOutage(e) ? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }

    private static HikariConfig config(DatabaseSettings s, String name, int socketTimeoutSeconds) {
        HikariConfig c = new HikariConfig();
        c.setPoolName(name);
        c.setJdbcUrl(s.jdbcUrl());
        if (!s.user().isEmpty()) {
            c.setUsername(s.user());
        }
        if (!s.password().isEmpty()) {
            c.setPassword(s.password());
        }
        c.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        c.setValidationTimeout(VALIDATION_TIMEOUT_MS);
        // do not connect while building the pool: start-up must survive a database that is down
        c.setInitializationFailTimeout(-1);
        c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (s.isPostgres()) {
            // bound the driver too, so a reachable but stuck server cannot hang a request
            // (parameters given in the URL win over these)
            c.addDataSourceProperty("connectTimeout", String.valueOf(STATEMENT_TIMEOUT_S));
            c.addDataSourceProperty("loginTimeout", String.valueOf(STATEMENT_TIMEOUT_S));
            c.addDataSourceProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
            if (socketTimeoutSeconds == STATEMENT_TIMEOUT_S) {
                // and the server: a statement (or a wait for a lock) it cannot finish in time is cancelled there too,
                // and a transaction whose client vanished mid-way (a killed replica) gives its locks back, rather than
                // holding the verdict counter until the server notices the dead socket
                c.addDataSourceProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT_S + "s"
                        + " -c idle_in_transaction_session_timeout=" + IDLE_IN_TRANSACTION_S + "s");
            }
            c.addDataSourceProperty("ApplicationName", "hostwise");
        }
        return c;
    }

    /**
     * Migrations get connections of their own, without the two-second answer limit: a migration that
     * rewrites a large table may take longer, and it runs at start-up or on the watch's thread, where
     * nobody waits for it. Connecting is still bounded, and a server that stops answering altogether
     * is given up on after a few minutes.
     */
    private HikariDataSource migrationPool() {
        HikariConfig c = config(settings, "hostwise-migrations", 300);
        // Flyway holds two at once: one for its schema history and lock, one for the migrations
        c.setMaximumPoolSize(2);
        c.setMinimumIdle(0);
        return new HikariDataSource(c);
    }

    /**
     * AUTO_SERVER makes the first process to open the file serve it to later ones. H2 would listen on
     * every interface; the database holds business-sensitive inputs, so bind it to loopback unless
     * the operator chose an address. This must happen before H2's classes load.
     */
    private static void prepareH2(DatabaseSettings s) {
        if (s.jdbcUrl().toUpperCase(java.util.Locale.ROOT).contains("AUTO_SERVER=TRUE")
                && System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        s.h2Directory().ifPresent(dir -> {
            try {
                Files.createDirectories(dir);
            } catch (IOException | RuntimeException e) {
                // reported by the first connection attempt (or the writability check), which fails for the same reason
                LOG.debug("cannot create {}", dir, e);
            }
        });
    }

    /**
     * For an H2 file database, whether its directory takes new files: H2 needs to write a lock file before it
     * opens anything. Asking H2 to open a read-only directory costs about 15 s of retries at start-up and then
     * a vague message; this costs two system calls and names the directory.
     */
    private void checkWritable() {
        Optional<Path> dir = settings.h2Directory();
        if (dir.isEmpty()) {
            return;
        }
        try {
            // the pool is made on first use, so the directory may not exist yet: make it, as H2 would
            Files.createDirectories(dir.get());
            Path probe = Files.createTempFile(dir.get(), ".hostwise-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "it does not exist and cannot be created"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            throw failed(new StoreUnavailableException("the verdict store (" + settings.description() + ") is unavailable: "
                    + "the data directory " + dir.get() + " is not writable (" + why + "); verdicts are not saved until it is. "
                    + "Fix its permissions or mount, or set HOSTWISE_DATA_DIR to a writable directory", e));
        }
    }

    /**
     * For an H2 file database, whether its disk has room for the next commit: with less than
     * {@link #MIN_FREE_BYTES} free, the store counts as full (a commit writes tens of KB, and H2 closes the
     * database when one fails), so {@code /readyz} says so before saves start failing.
     */
    private void checkRoom() {
        Optional<Path> dir = settings.h2Directory();
        if (dir.isEmpty()) {
            return;
        }
        long free;
        try {
            free = Files.getFileStore(dir.get()).getUsableSpace();
        } catch (IOException e) {
            return; // not knowable here; a failing write says it soon enough
        }
        if (free < MIN_FREE_BYTES) {
            throw failed(new StoreUnavailableException("the verdict store (" + settings.description() + ") is unavailable: "
                    + "the disk of the data directory " + dir.get() + " is full (" + free / 1024 + " KB free); verdicts are not "
                    + "saved until there is room. Free space or grow the volume", null));
        }
    }

    /** Runs pending migrations; a no-op once they have run in this process. */
    public void migrate() {
        migrate(firstUseIsStartup, true);
    }

    /**
     * @param atStartup whether Flyway may retry connecting (H2 at start-up, while a crashed process's lock
     *                  file goes stale); later attempts, made while a user waits for a verdict, do not retry
     * @param failFast  whether to fail at once during the window after a failure (not when the watch tries)
     */
    private void migrate(boolean atStartup, boolean failFast) {
        if (migrated) {
            return;
        }
        // a request never queues behind a migration another thread (the watch, another request) is running:
        // it answers without saving at once, as during any other outage
        if (!migrationLock.tryLock()) {
            throw new StoreUnavailableException("the verdict store (" + settings.description()
                    + ") is unavailable: its tables are being brought up to date; try again in a moment", null);
        }
        try {
            if (migrated) {
                return;
            }
            if (failFast) {
                failFastDuringOutage();
            }
            checkWritable();
            try {
                boolean retries = atStartup && settings.isH2();
                if (!schemaIsCurrent(retries)) {
                    try (HikariDataSource own = migrationPool()) {
                        Flyway.configure(Database.class.getClassLoader())
                                .dataSource(own)
                                .locations("classpath:db/migration")
                                .connectRetries(retries ? 2 : 0)
                                .connectRetriesInterval(2)
                                // migration numbers are reserved per branch and merged in any order: a database
                                // migrated by a build that had V7 but not yet V6 gets V6 applied after it, not an error
                                .outOfOrder(true)
                                .load()
                                .migrate();
                    }
                }
                migrated = true;
                firstUseIsStartup = false;
                recovered();
            } catch (StoreUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failed(e);
            }
        } finally {
            migrationLock.unlock();
        }
    }

    /**
     * Whether Flyway's history says every migration up to {@link #SCHEMA_VERSION} ran, and none failed.
     * Any doubt (no history yet, a failed migration, a query error) answers false, and Flyway decides.
     *
     * @param flywayRetries whether Flyway will retry a connection that fails now (H2 at start-up, while
     *                      a crashed process's lock file goes stale); otherwise that failure is final
     */
    private boolean schemaIsCurrent(boolean flywayRetries) {
        Connection c;
        try {
            c = pool().getConnection();
        } catch (SQLException e) {
            if (flywayRetries) {
                return false;
            }
            throw failed(e);
        }
        try (c; java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(
                     // quoted: Flyway creates its table and columns in lower case, also on H2
                     "SELECT \"version\", \"success\" FROM \"flyway_schema_history\"")) {
            MigrationVersion newest = MigrationVersion.EMPTY;
            java.util.Set<String> applied = new java.util.HashSet<>();
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                String version = rs.getString(1);
                if (version != null) {
                    MigrationVersion v = MigrationVersion.fromVersion(version);
                    newest = v.isNewerThan(newest) ? v : newest;
                    applied.add(v.getVersion());
                }
            }
            // a newer schema (a newer Hostwise migrated it) is current too, as Flyway would leave it
            if (MigrationVersion.fromVersion(SCHEMA_VERSION).isNewerThan(newest)) {
                return false;
            }
            // but not one with a gap below this version (a migration merged after a higher one ran): Flyway fills it
            for (int v = 1; v <= Integer.parseInt(SCHEMA_VERSION); v++) {
                if (!applied.contains(String.valueOf(v))) {
                    return false;
                }
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("schema version not read ({}); Flyway checks it", e.toString());
            return false;
        }
    }

    /** A pooled connection to a migrated database; close it to give it back. */
    public Connection connection() {
        awaitOpening();
        migrate();
        failFastDuringOutage();
        try {
            return pool().getConnection();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private void failFastDuringOutage() {
        StoreUnavailableException last = lastFailure;
        if (last != null && System.nanoTime() - quietUntil < 0) {
            throw new StoreUnavailableException(last.getMessage(), last.getCause());
        }
    }

    /**
     * Checks the database now, outside the fail-fast window: runs pending migrations, then a query on a
     * pooled connection. Keeps {@link #unavailable()} current and, once the database answers again, lets
     * callers through at once instead of after the rest of the window. Never throws.
     */
    public void probe() {
        try {
            migrate(false, false);
            try (Connection c = pool().getConnection(); Statement s = c.createStatement()) {
                s.setQueryTimeout(STATEMENT_TIMEOUT_S);
                s.execute("SELECT 1");
            }
            // H2 answers reads from a full or read-only disk; only writes fail. Check what a write needs
            checkWritable();
            checkRoom();
            recovered();
        } catch (SQLException e) {
            // the store did not answer a query that cannot be refused: an outage, whatever the code says
            failed(e);
        } catch (StoreUnavailableException e) {
            // already recorded where it was thrown
            LOG.debug("the verdict store is still unavailable: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.debug("checking the verdict store failed", e);
        }
    }

    /** A statement just succeeded: the store answers, whatever the last failure said. */
    void answered() {
        if (down != null && migrated) {
            recovered();
        }
    }

    /**
     * Checks the database every {@code every} on a thread of its own, until {@link #close()}: what the
     * server's readiness reports, and how the store comes back after an outage without waiting for a
     * user's request to try.
     */
    public synchronized Database watch(Duration every) {
        if (watcher == null) {
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hostwise-store-watch");
                t.setDaemon(true);
                return t;
            });
            watcher.scheduleWithFixedDelay(this::probe, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Why the store cannot take verdicts now, from the last attempt to use it (a save, a look-up or
     * {@link #probe()}); empty while it answers. Never touches the database: cheap enough for a probe
     * answered on an IO thread.
     */
    public Optional<String> unavailable() {
        if (!migrated) {
            Down d = down;
            return Optional.of(d != null ? d.reason()
                    : startupProblem != null ? startupProblem : "the verdict store has not been reached yet");
        }
        return Optional.ofNullable(down).map(Down::reason);
    }

    private void recovered() {
        Down was = down;
        lastFailure = null;
        down = null;
        if (was != null) {
            LOG.info("the verdict store ({}) answers again after {} s; verdicts are saved again", settings.description(),
                    Math.max(0, Duration.between(was.since(), Instant.now()).toSeconds()));
        }
    }

    private void markDown(String reason) {
        Down was = down;
        down = new Down(reason, was != null ? was.since() : Instant.now());
        if (was == null && migrated) {
            LOG.warn("{}; verdicts are answered but not saved until it is back", reason);
        }
    }

    private StoreUnavailableException failed(Throwable e) {
        StoreUnavailableException u = e instanceof StoreUnavailableException s ? s : unavailable(e);
        lastFailure = u;
        quietUntil = System.nanoTime() + retryAfterNanos;
        markDown(u.getMessage());
        // every pooled connection is suspect: the ones in use are thrown away when they come back
        HikariDataSource p = pool;
        if (p != null && !p.isClosed() && p.getHikariPoolMXBean() != null) {
            p.getHikariPoolMXBean().softEvictConnections();
        }
        return u;
    }

    /**
     * The exception for a failed statement. An outage ({@link #isOutage}) counts like a failed connect:
     * the pool is emptied and callers fail fast for a while; other errors do not.
     */
    StoreUnavailableException problem(SQLException e) {
        return isOutage(e) ? failed(e) : unavailable(e);
    }

    /** Whether a statement failed because the database went away or broke, rather than because it refused the statement. */
    static boolean isOutage(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && isOutageState(s.getSQLState())) {
                return true;
            }
            // H2 reports a failed write of its store file (a full disk) as a "General error" (50000) wrapping the
            // MVStore's exception, and closes the database right after: the storage failed, not the statement
            if (t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutageState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.startsWith("58") || state.equals("25006") || H2_OUTAGES.contains(state));
    }

    StoreUnavailableException unavailable(Throwable e) {
        return new StoreUnavailableException("the verdict store (" + settings.description() + ") is unavailable: "
                + StoreUnavailableException.reason(e), e);
    }

    /**
     * Compacts an embedded H2 database for up to {@code budget}: live pages are moved out of sparsely
     * used chunks and the file is shrunk. With {@code WRITE_DELAY=0} (every commit durable) H2 runs no
     * background housekeeping, so without this the file only grows: about 35 KB per verdict in the
     * 10,000-verdict run (BENCHMARKS.md). Commits wait while it runs. Returns false when there is
     * nothing to compact here: another database, or an H2 file this process reaches through the first
     * process's server.
     */
    public boolean compact(Duration budget) {
        return compact(budget, false);
    }

    private boolean compact(Duration budget, boolean closing) {
        if (!settings.isH2() || pool == null || closed) {
            return false;
        }
        try (Connection c = pool().getConnection()) {
            if (!(c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession() instanceof org.h2.engine.SessionLocal local)) {
                return false;
            }
            org.h2.mvstore.MVStore store = local.getDatabase().getStore().getMvStore();
            // compacting sets the retention time of old chunks to zero, as H2 does when it closes; put it
            // back, so chunks a crash might still need are not overwritten while the server runs on
            int retention = store.getRetentionTime();
            try {
                local.getDatabase().getStore().compactFile((int) Math.min(Integer.MAX_VALUE, budget.toMillis()));
            } finally {
                if (!closing) {
                    store.setRetentionTime(retention);
                }
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("H2 compaction skipped: {}", e.toString());
            return false;
        }
    }

    /**
     * Counts verdicts written; a long-lived store compacts an embedded H2 file, off the saving threads,
     * after every {@link #COMPACT_EVERY} of them.
     */
    void wrote(int verdicts) {
        if (!compactsWhileOpen || writesSinceCompaction.addAndGet(verdicts) < COMPACT_EVERY
                || !compacting.compareAndSet(false, true)) {
            return;
        }
        writesSinceCompaction.set(0);
        Thread t = new Thread(() -> {
            try {
                compact(COMPACT_WHILE_OPEN);
            } finally {
                compacting.set(false);
            }
        }, "hostwise-store-compaction");
        t.setDaemon(true);
        t.start();
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** Whether the migrations have run: false while the database has been unreachable since start-up. */
    public boolean migrated() {
        return migrated;
    }

    @Override
    public void close() {
        awaitOpening();
        ScheduledExecutorService w = watcher;
        if (w != null) {
            w.shutdownNow();
        }
        if (compactsWhileOpen) {
            // what a stopped server leaves on disk is what a backup copies: compact it first, within a bound
            compact(COMPACT_AT_CLOSE, true);
        }
        synchronized (poolLock) {
            closed = true;
            if (pool != null) {
                pool.close();
            }
        }
    }
}
