package dev.hostwise.bot.conversation;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.store.StoreFixture;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The outbox through the conversation core on PostgreSQL, replicas on one database. Runs when HOSTWISE_TEST_PG_URL is set. */
@EnabledIfEnvironmentVariable(named = StoreFixture.PG_URL, matches = ".+")
class PostgresOutboxDecisionsTest extends OutboxDecisionsContract {

    /** From nothing: jobs another run left pending would be this run's replicas' to answer. */
    @org.junit.jupiter.api.BeforeAll
    static void wipe() {
        StoreFixture.wipePostgres();
    }

    @Override
    Env env() {
        return StoreFixture.postgres();
    }

    @Override
    List<String> childDatabase() {
        return List.of("pg", System.getenv(StoreFixture.PG_URL));
    }
}
