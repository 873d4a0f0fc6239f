package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store comes back by itself after the database was closed, hung or unwritable, and what
 * {@code /readyz} reads ({@link Database#unavailable()}) follows it, on a real embedded database and
 * a real PostgreSQL.
 */
@Timeout(120) // a guard against hanging, not a performance target
class StoreRecoveryTest {

    private static final Duration WATCH = Duration.ofMillis(200);

    /** Decides until a verdict is saved again (or gives up after a generous while); returns the saved one. */
    private static RecordedVerdict savedEventually(Hostwise hw) throws InterruptedException {
        RecordedVerdict r = null;
        for (int i = 0; i < 200 && (r == null || r.linkToken().isEmpty()); i++) {
            if (r != null) {
                Thread.sleep(100);
            }
            r = hw.decideFor(StoreFixture.scenario(hw, 50_000), Requester.api());
        }
        return r;
    }

    private static void waitUntil(Supplier<Boolean> condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.get(); i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void anEmbeddedDatabaseThatWasClosedUnderThePoolIsOpenedAgainWithoutARestart(@TempDir Path dir) throws Exception {
        try (Hostwise hw = StoreFixture.start(StoreFixture.h2(dir), Instant.parse("2042-01-01T00:00:00Z"))) {
            hw.store().database().watch(WATCH);
            assertThat(hw.decideFor(StoreFixture.scenario(hw, 50_000), Requester.api()).verdict().id()).isEqualTo("HW-2042-0001");

            // what a full disk does to H2: the database closes itself, and every pooled connection then says
            // "The database has been closed" (90098). Here another session closes it the same way.
            try (Connection c = DriverManager.getConnection(DatabaseSettings.h2File(dir).jdbcUrl(), "hostwise", "");
                 Statement s = c.createStatement()) {
                s.execute("SHUTDOWN IMMEDIATELY");
            }
            RecordedVerdict during = hw.decideFor(StoreFixture.scenario(hw, 50_000), Requester.api());
            assertThat(during.linkToken()).isEmpty();
            assertThat(during.saveProblem()).get().asString().contains("closed");
            assertThat(hw.metrics().registry().get("hostwise.store.failures").tag("kind", "outage").counter().count()).isEqualTo(1);

            // the same process, no restart: the pool dropped the closed connections and the next ones open the file again
            RecordedVerdict after = savedEventually(hw);
            assertThat(after.linkToken()).isPresent();
            assertThat(after.verdict().id()).isEqualTo("HW-2042-0002");
            waitUntil(() -> hw.store().database().unavailable().isEmpty());
            assertThat(hw.store().database().unavailable()).isEmpty();
            assertThat(hw.store().byId("HW-2042-0001")).isPresent();
        }
    }

    @Test
    void aReadOnlyDataDirectoryIsNamedAtOnceAndTheStoreStartsSavingOnceItIsWritable(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        ReadOnly readOnly = ReadOnly.make(data);
        try (Hostwise hw = StoreFixture.start(StoreFixture.h2(data), Instant.parse("2043-01-01T00:00:00Z"))) {
            Database db = hw.store().database();
            assertThat(db.migrated()).isFalse();
            assertThat(db.startupProblem()).get().asString()
                    .contains("the data directory " + data + " is not writable")
                    .contains("set HOSTWISE_DATA_DIR to a writable directory");
            // H2 was never asked to open it (that took about 15 s of retries): it left no file behind
            try (var files = Files.list(data)) {
                assertThat(files).isEmpty();
            }
            RecordedVerdict r = hw.decideFor(StoreFixture.scenario(hw, 50_000), Requester.api());
            assertThat(r.linkToken()).isEmpty();
            assertThat(r.verdict().recommendation()).isNotNull();

            db.watch(WATCH);
            assertThat(db.unavailable()).get().asString().contains("is not writable");

            readOnly.undo();
            waitUntil(() -> db.unavailable().isEmpty());
            assertThat(db.unavailable()).isEmpty();
            assertThat(db.migrated()).isTrue();
            assertThat(savedEventually(hw).verdict().id()).isEqualTo("HW-2043-0001");
        } finally {
            readOnly.undo();
        }
    }

    @Test
    void aPostgresServerThatAcceptsButNeverAnswersIsGivenUpOnAtTheConnectionBound() throws Exception {
        // what a server stopped with SIGSTOP looks like: the kernel accepts, nobody speaks
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            accept.setDaemon(true);
            accept.start();
            Env env = new Env(Map.of("HOSTWISE_DB_URL", "jdbc:postgresql://127.0.0.1:" + blackHole.getLocalPort() + "/hostwise",
                    "HOSTWISE_DB_USER", "hostwise"));
            try (Hostwise hw = StoreFixture.start(env, Instant.parse("2044-01-01T00:00:00Z"))) {
                // whichever of the two 2 s bounds fires first: the pool's wait for a connection, or the driver's login
                assertThat(hw.store().database().startupProblem()).get().asString()
                        .containsAnyOf("Connection is not available, request timed out after", "Connection attempt timed out");
                RecordedVerdict r = hw.decideFor(StoreFixture.scenario(hw, 50_000), Requester.api());
                assertThat(r.linkToken()).isEmpty();
                assertThat(r.verdict().id()).startsWith("HW-2044-UNSAVED-");
            }
            assertThat(held).isNotEmpty();
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = StoreFixture.PG_URL, matches = ".+")
    void aPostgresServerThatHangsMidConversationCostsOneBoundedWaitAndIsUsedAgainOnceItAnswers() throws Exception {
        URI pg = URI.create(System.getenv(StoreFixture.PG_URL).substring("jdbc:".length()));
        try (FreezableProxy proxy = new FreezableProxy(pg.getHost(), pg.getPort())) {
            Env real = StoreFixture.postgres();
            Env env = real.with("HOSTWISE_DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + pg.getRawPath()
                    + (pg.getRawQuery() == null ? "" : "?" + pg.getRawQuery()));
            try (Hostwise hw = StoreFixture.start(env, Instant.parse("2045-01-01T00:00:00Z"))) {
                assertThat(hw.decideFor(StoreFixture.scenario(hw, 50_000), Requester.api()).linkToken()).isPresent();
                // the server gives up on a statement when the driver does, and frees the locks of a vanished client
                try (Connection c = hw.store().database().connection(); Statement s = c.createStatement()) {
                    assertThat(show(s, "statement_timeout")).isEqualTo("2s");
                    assertThat(show(s, "idle_in_transaction_session_timeout")).isEqualTo("10s");
                }

                proxy.freeze();
                RecordedVerdict hung = hw.decideFor(StoreFixture.scenario(hw, 50_000), Requester.api());
                assertThat(hung.linkToken()).isEmpty();
                // given up on at the driver's answer bound, not left waiting on the server
                assertThat(hung.saveProblem()).get().asString().contains("An I/O error occurred while sending to the backend");

                proxy.thaw();
                hw.store().database().watch(WATCH);
                assertThat(savedEventually(hw).linkToken()).isPresent();
                waitUntil(() -> hw.store().database().unavailable().isEmpty());
                assertThat(hw.store().database().unavailable()).isEmpty();
            }
        }
    }

    private static String show(Statement s, String setting) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * A directory nobody may write to. chmod is enough for an ordinary user; root ignores permissions, so as
     * root (the CI container) a read-only tmpfs is mounted over it instead.
     */
    private record ReadOnly(Path dir, boolean mounted) {

        static ReadOnly make(Path dir) throws Exception {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            if (!Files.isWritable(dir)) {
                return new ReadOnly(dir, false);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            String out = new String(mount.getInputStream().readAllBytes());
            Assumptions.assumeTrue(mount.waitFor() == 0,
                    "running as root, a read-only directory needs a read-only mount, and mount failed: " + out);
            return new ReadOnly(dir, true);
        }

        void undo() throws Exception {
            if (mounted) {
                new ProcessBuilder("umount", dir.toString()).inheritIO().start().waitFor();
            } else {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
