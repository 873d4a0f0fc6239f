package dev.hostwise.bot.store;

import dev.hostwise.bot.Env;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same store on PostgreSQL. Runs when HOSTWISE_TEST_PG_URL is set, as {@code .ci/run} does
 * (it starts a throwaway server); the database is wiped first, so migrations start from nothing.
 */
@EnabledIfEnvironmentVariable(named = StoreFixture.PG_URL, matches = ".+")
class PostgresVerdictStoreTest extends VerdictStoreContract {

    @BeforeAll
    static void wipe() {
        StoreFixture.wipePostgres();
    }

    @Override
    Env env() {
        return StoreFixture.postgres();
    }
}
