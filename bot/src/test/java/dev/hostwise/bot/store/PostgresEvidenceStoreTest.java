package dev.hostwise.bot.store;

import dev.hostwise.bot.Env;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The evidence store on PostgreSQL, when HOSTWISE_TEST_PG_URL is set (as {@code .ci/run} does); wiped first. */
@EnabledIfEnvironmentVariable(named = StoreFixture.PG_URL, matches = ".+")
class PostgresEvidenceStoreTest extends EvidenceStoreContract {

    @BeforeAll
    static void wipe() {
        StoreFixture.wipePostgres();
    }

    @Override
    Env env() {
        return StoreFixture.postgres();
    }
}
