package dev.hostwise.bot.store;

import dev.hostwise.bot.Env;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on the default embedded H2 file database; two "replicas" are two stores open on the one file. */
class H2OutboxTest extends OutboxContract {

    @TempDir
    Path dataDir;

    @Override
    Env env() {
        return StoreFixture.h2(dataDir);
    }
}
