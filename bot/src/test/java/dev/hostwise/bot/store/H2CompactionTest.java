package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database stays small: a server's store compacts the file as verdicts come in and when
 * it closes, and nothing compacted away was a verdict.
 */
class H2CompactionTest {

    @Test
    void aServersStoreKeepsItsFileSmallAndEveryVerdict(@TempDir Path data) throws Exception {
        int verdicts = Database.COMPACT_EVERY + 200;
        List<RecordedVerdict> saved = new ArrayList<>();
        try (Hostwise hw = StoreFixture.start(StoreFixture.h2(data), Instant.parse("2037-01-02T03:04:05Z"))) {
            for (int i = 0; i < verdicts; i++) {
                saved.add(hw.decideFor(StoreFixture.scenario(hw, 1_000 + 37 * i), Requester.api()));
            }
        }
        long bytes = Files.size(data.resolve("hostwise.mv.db"));
        // about 1.5-2.5 KB a verdict with compaction; 25-35 KB without (BENCHMARKS.md)
        assertThat(bytes / verdicts).as("bytes per verdict on disk").isLessThan(5_000);

        try (Hostwise hw = StoreFixture.start(StoreFixture.h2(data), Instant.parse("2037-01-02T03:04:05Z"))) {
            for (RecordedVerdict r : saved) {
                assertThat(hw.store().byToken(r.linkToken().orElseThrow())).get()
                        .extracting(StoredVerdict::verdict).isEqualTo(r.verdict());
            }
        }
    }

    @Test
    void compactingIsForAnOpenEmbeddedFile(@TempDir Path data) throws Exception {
        DatabaseSettings settings = DatabaseSettings.h2File(data);
        try (Database notOpened = Database.openOnFirstUse(settings)) {
            assertThat(notOpened.compact(Duration.ofMillis(100))).as("nothing opened, nothing to compact").isFalse();
        }
        try (Database open = Database.open(settings)) {
            open.connection().close();
            assertThat(open.compact(Duration.ofMillis(100))).isTrue();
        }
    }
}
