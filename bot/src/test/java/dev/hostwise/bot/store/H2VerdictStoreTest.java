package dev.hostwise.bot.store;

import dev.hostwise.bot.Env;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store on the default embedded H2 file database, in a fresh data directory per test. */
class H2VerdictStoreTest extends VerdictStoreContract {

    @TempDir
    Path dataDir;

    @Override
    Env env() {
        return StoreFixture.h2(dataDir);
    }
}
