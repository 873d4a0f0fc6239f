package dev.hostwise.bot.store;

import dev.hostwise.bot.Env;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The evidence store on the default embedded H2 database, in a fresh data directory per test. */
class H2EvidenceStoreTest extends EvidenceStoreContract {

    @TempDir
    Path dataDir;

    @Override
    Env env() {
        return StoreFixture.h2(dataDir);
    }
}
