package dev.hostwise.bot.store;

import dev.hostwise.bot.Env;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The outbox on PostgreSQL, two replicas on one database. Runs when HOSTWISE_TEST_PG_URL is set, as {@code .ci/run} does. */
@EnabledIfEnvironmentVariable(named = StoreFixture.PG_URL, matches = ".+")
class PostgresOutboxTest extends OutboxContract {

    /** From nothing, so migrations (V6 included) run as on a new database. */
    @org.junit.jupiter.api.BeforeAll
    static void wipe() {
        StoreFixture.wipePostgres();
    }

    @Override
    Env env() {
        return StoreFixture.postgres();
    }
}
