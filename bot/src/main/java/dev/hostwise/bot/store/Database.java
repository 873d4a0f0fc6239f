package dev.hostwise.bot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
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
 * wait for a connection is bounded ({@link #CONNECTION_TIMEOUT_MS}). A caller that cannot get a
 * connection gets a {@link StoreUnavailableException} with one readable line.
 */
public final class Database implements AutoCloseable {

    /** How long a decision waits for the database before it answers without saving. */
    public static final long CONNECTION_TIMEOUT_MS = 2_000;

    /**
     * After the database failed to answer, calls within this window fail at once with the same
     * reason instead of each waiting {@link #CONNECTION_TIMEOUT_MS} again: during an outage the bot
     * stays quick, and it tries the database again at most this often.
     */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /**
     * The schema version the newest migration in {@code db/migration} brings ({@code V5__...sql} is 5).
     * A database already at it is not migrated again: Flyway (which scans the class path for migrations
     * and validates each applied one) runs only when the version differs. {@code SchemaVersionTest}
     * fails if a migration is added without raising this.
     */
    public static final String SCHEMA_VERSION = "5";

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
    private final Object migrationLock = new Object();
    private volatile boolean migrated;
    private volatile String startupProblem;
    private final long retryAfterNanos;
    /** While {@code System.nanoTime()} is before this, fail fast with {@link #lastFailure}. */
    private volatile long quietUntil;
    private volatile StoreUnavailableException lastFailure;

    private Database(DatabaseSettings settings, Duration retryAfter) {
        this.settings = settings;
        this.retryAfterNanos = retryAfter.toNanos();
    }

    private Flyway flyway(boolean atStartup) {
        Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(pool())
                .locations("classpath:db/migration")
                .load();
        // After a crash H2 needs about 4 s to decide that the dead process's lock file is stale. At
        // start-up only, retry (after 1 s, then 2 s) rather than report the store unavailable; later
        // attempts, made while a user waits for a verdict, do not retry.
        return atStartup && settings.isH2()
                ? Flyway.configure(Database.class.getClassLoader()).configuration(flyway.getConfiguration())
                        .connectRetries(2).connectRetriesInterval(2).load()
                : flyway;
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
            db.migrate(true);
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
    public java.util.Optional<String> startupProblem() {
        return java.util.Optional.ofNullable(startupProblem);
    }

    private static HikariDataSource pool(DatabaseSettings s) {
        if (s.isH2()) {
            prepareH2(s);
        }
        HikariConfig c = new HikariConfig();
        c.setPoolName("hostwise-store");
        c.setJdbcUrl(s.jdbcUrl());
        if (!s.user().isEmpty()) {
            c.setUsername(s.user());
        }
        if (!s.password().isEmpty()) {
            c.setPassword(s.password());
        }
        // a small pool: a save is one short transaction, concurrent saves share one, and the machine has few cores
        c.setMaximumPoolSize(4);
        // one connection stays open, which also keeps an embedded H2 database open between requests
        c.setMinimumIdle(1);
        c.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        c.setValidationTimeout(1_000);
        // do not connect while building the pool: start-up must survive a database that is down
        c.setInitializationFailTimeout(-1);
        c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (s.isPostgres()) {
            // bound the driver too, so a reachable but stuck server cannot hang a request
            // (parameters given in the URL win over these)
            c.addDataSourceProperty("connectTimeout", "2");
            c.addDataSourceProperty("socketTimeout", "10");
            c.addDataSourceProperty("ApplicationName", "hostwise");
        }
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
        String prefix = "jdbc:h2:file:";
        if (s.jdbcUrl().startsWith(prefix)) {
            String path = s.jdbcUrl().substring(prefix.length()).split(";", 2)[0];
            Path parent = Path.of(path).getParent();
            try {
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // reported by the first connection attempt, which fails for the same reason
                LOG.debug("cannot create {}", parent, e);
            }
        }
    }

    /** Runs pending migrations; a no-op once they have run in this process. */
    public void migrate() {
        migrate(firstUseIsStartup);
    }

    private void migrate(boolean atStartup) {
        if (migrated) {
            return;
        }
        synchronized (migrationLock) {
            if (migrated) {
                return;
            }
            failFastDuringOutage();
            try {
                if (!schemaIsCurrent(atStartup && settings.isH2())) {
                    flyway(atStartup).migrate();
                }
                migrated = true;
                firstUseIsStartup = false;
            } catch (StoreUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failed(e);
            }
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
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                String version = rs.getString(1);
                if (version != null) {
                    MigrationVersion v = MigrationVersion.fromVersion(version);
                    newest = v.isNewerThan(newest) ? v : newest;
                }
            }
            // a newer schema (a newer Hostwise migrated it) is current too, as Flyway would leave it
            return !MigrationVersion.fromVersion(SCHEMA_VERSION).isNewerThan(newest);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("schema version not read ({}); Flyway checks it", e.toString());
            return false;
        }
    }

    /** A pooled connection to a migrated database; close it to give it back. */
    public Connection connection() {
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

    private StoreUnavailableException failed(Throwable e) {
        StoreUnavailableException u = unavailable(e);
        lastFailure = u;
        quietUntil = System.nanoTime() + retryAfterNanos;
        return u;
    }

    /**
     * The exception for a failed statement. A lost connection (SQLSTATE class 08, or a server
     * shutting down, 57P) counts as an outage, like a failed connect; other errors do not.
     */
    StoreUnavailableException problem(SQLException e) {
        return isOutage(e) ? failed(e) : unavailable(e);
    }

    /** Whether a statement failed because the database went away, rather than because it refused the statement. */
    static boolean isOutage(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
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
