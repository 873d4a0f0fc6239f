package dev.hostwise.bot.store;

import dev.hostwise.bot.Env;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Migration V4 on PostgreSQL (HOSTWISE_TEST_PG_URL); the database is wiped first. */
@EnabledIfEnvironmentVariable(named = StoreFixture.PG_URL, matches = ".+")
class PostgresStoreMigrationTest extends StoreMigrationContract {

    @Override
    Env emptyDatabase() {
        StoreFixture.wipePostgres();
        return StoreFixture.postgres();
    }
}
