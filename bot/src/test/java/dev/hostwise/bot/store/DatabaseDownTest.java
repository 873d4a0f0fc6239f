package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.rules.Verdict;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A database that is down costs the user the link, never the verdict. */
class DatabaseDownTest {

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    @Timeout(60) // a guard against hanging, not a performance target
    void withTheDatabaseDownStartUpWorksAndVerdictsAreAnsweredButNotSaved() throws Exception {
        int port = closedPort();
        Env env = new Env(Map.of("HOSTWISE_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/hostwise",
                "HOSTWISE_DB_USER", "hostwise", "HOSTWISE_DB_PASSWORD", "s3cret"));
        try (Hostwise hw = StoreFixture.start(env, Instant.parse("2040-01-01T00:00:00Z"))) {
            assertThat(hw.store().database().migrated()).isFalse();
            assertThat(hw.store().database().startupProblem()).get().asString()
                    .startsWith("the verdict store (PostgreSQL at jdbc:postgresql://127.0.0.1:" + port + "/hostwise) is unavailable: ")
                    .doesNotContain("s3cret");

            RecordedVerdict r = hw.decideFor(StoreFixture.scenario(hw, 100_000), Requester.api());

            assertThat(r.verdict().recommendation()).isNotNull();
            assertThat(r.verdict().figures().hostedPerDay()).isCloseTo(240.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(r.linkToken()).isEmpty();
            assertThat(r.saveProblem()).get().asString().contains("is unavailable");
            // not a citable ID: nobody should quote an ID no lookup will ever find
            assertThat(r.verdict().id()).startsWith("HW-2040-UNSAVED-");
        }
    }

    @Test
    void verdictsAreSavedAgainOnceTheDatabaseIsBack(@TempDir Path dir) throws Exception {
        // a file where the data directory should be: H2 cannot create its database there
        Path dataDir = dir.resolve("data");
        Files.writeString(dataDir, "in the way");
        Verdict decided;
        try (Hostwise other = StoreFixture.start(StoreFixture.h2(dir.resolve("other")), Instant.parse("2041-01-01T00:00:00Z"))) {
            decided = other.decide(StoreFixture.scenario(other, 1000));
        }
        try (VerdictStore store = new VerdictStore(Database.open(DatabaseSettings.h2File(dataDir), Duration.ZERO),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
            assertThat(store.database().startupProblem()).get().asString().startsWith("the verdict store (H2 file database in ");
            assertThatThrownBy(() -> store.save(decided, Requester.cli(), "test", Optional.empty(), List.of()))
                    .isInstanceOf(StoreUnavailableException.class);

            Files.delete(dataDir);
            Files.createDirectory(dataDir);

            // the pool backs off between connection attempts during an outage, so the first try
            // after the fix may still fail; within a few tries the store is back without a restart
            String id = null;
            for (int attempt = 0; attempt < 20 && id == null; attempt++) {
                try {
                    id = store.save(decided, Requester.cli(), "test", Optional.empty(), List.of()).id();
                } catch (StoreUnavailableException stillDown) {
                    Thread.sleep(500);
                }
            }
            assertThat(id).isEqualTo("HW-2041-0001");
            assertThat(store.database().migrated()).isTrue();
        }
    }

    @Test
    void aDatabaseUrlThatIsNotPostgresOrH2IsAConfigurationErrorNamingTheVariable() {
        Env env = new Env(Map.of("HOSTWISE_DB_URL", "postgres://db:5432/hostwise"));
        assertThatThrownBy(() -> DatabaseSettings.from(env))
                .hasMessageStartingWith("HOSTWISE_DB_URL must be a PostgreSQL JDBC URL such as jdbc:postgresql://");
    }
}
