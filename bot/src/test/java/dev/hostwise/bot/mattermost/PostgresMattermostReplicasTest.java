package dev.hostwise.bot.mattermost;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.store.StoreFixture;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Two Mattermost replicas on one PostgreSQL database. Runs when HOSTWISE_TEST_PG_URL is set. */
@EnabledIfEnvironmentVariable(named = StoreFixture.PG_URL, matches = ".+")
class PostgresMattermostReplicasTest extends MattermostReplicasContract {

    @Override
    Env env() {
        return StoreFixture.postgres();
    }
}
