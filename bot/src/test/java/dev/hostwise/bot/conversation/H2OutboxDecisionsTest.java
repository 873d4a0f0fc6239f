package dev.hostwise.bot.conversation;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.store.StoreFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The outbox through the conversation core on embedded H2: replicas in one process share the file, the killed one is a process of its own. */
class H2OutboxDecisionsTest extends OutboxDecisionsContract {

    @TempDir
    Path dataDir;

    @Override
    Env env() {
        return StoreFixture.h2(dataDir);
    }

    @Override
    List<String> childDatabase() {
        return List.of("h2", dataDir.toString());
    }
}
