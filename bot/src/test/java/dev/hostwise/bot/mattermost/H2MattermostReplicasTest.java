package dev.hostwise.bot.mattermost;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.store.StoreFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Two Mattermost replicas in one process, sharing one embedded H2 file. */
class H2MattermostReplicasTest extends MattermostReplicasContract {

    private final Path dataDir;

    H2MattermostReplicasTest() {
        try {
            dataDir = Files.createTempDirectory("hostwise-mm-replicas-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    Env env() {
        return StoreFixture.h2(dataDir);
    }
}
