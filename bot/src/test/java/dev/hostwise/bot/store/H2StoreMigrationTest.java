package dev.hostwise.bot.store;

import dev.hostwise.bot.Env;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Migration V4 on the embedded H2 file database. */
class H2StoreMigrationTest extends StoreMigrationContract {

    @TempDir
    Path dataDir;

    @Override
    Env emptyDatabase() {
        return StoreFixture.h2(dataDir);
    }
}
