package dev.hostwise.bot.store;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.knowledge.Scenario;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/** The databases the store is tested against: embedded H2 always, PostgreSQL when HOSTWISE_TEST_PG_URL is set. */
public final class StoreFixture {

    public static final String PG_URL = "HOSTWISE_TEST_PG_URL";

    private StoreFixture() {
    }

    /** An environment whose H2 database lives in a fresh directory. */
    public static Env h2(Path dataDir) {
        return new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString()));
    }

    /**
     * An environment whose H2 database lives in a new temporary directory: for tests that keep one Hostwise
     * for a whole class, so that no outbox job or request key of theirs meets another class's (the default
     * data directory is shared by every test run).
     */
    public static Env freshH2() {
        try {
            return h2(java.nio.file.Files.createTempDirectory("hostwise-test-"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An environment pointing at the test PostgreSQL server. */
    public static Env postgres() {
        String url = System.getenv(PG_URL);
        return new Env(Map.of(
                "HOSTWISE_DB_URL", url,
                "HOSTWISE_DB_USER", Optional.ofNullable(System.getenv("HOSTWISE_TEST_PG_USER")).orElse("postgres"),
                "HOSTWISE_DB_PASSWORD", Optional.ofNullable(System.getenv("HOSTWISE_TEST_PG_PASSWORD")).orElse("")));
    }

    /** Drops every table in the test PostgreSQL database, so migrations start from nothing. */
    public static void wipePostgres() {
        Env env = postgres();
        Flyway.configure().dataSource(env.dbUrl().orElseThrow(), env.dbUser().orElse(""), env.dbPassword().orElse(""))
                .cleanDisabled(false).load().clean();
    }

    public static Hostwise start(Env env, Instant now) {
        return Hostwise.start(env, Optional.empty(), Clock.fixed(now, ZoneOffset.UTC));
    }

    public static Scenario scenario(Hostwise hw, double requestsPerDay) {
        return hw.reader().fromText(Map.of(
                "requestsPerDay", String.valueOf(requestsPerDay),
                "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH",
                "privacyNeed", "MUST_STAY_IN_HOUSE"));
    }
}
