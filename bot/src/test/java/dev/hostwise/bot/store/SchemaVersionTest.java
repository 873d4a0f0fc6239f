package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * A started store skips Flyway when the database is at {@link Database#SCHEMA_VERSION}, so that
 * constant must name the newest migration; otherwise a new migration would never run on a database
 * that already has the previous ones.
 */
class SchemaVersionTest {

    /** The version of every migration file in {@code db/migration}, e.g. "1", "2", "5". */
    static List<String> migrationVersions() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V[0-9._]+__.+\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
                    .toList();
        }
    }

    @Test
    void theSchemaVersionIsTheNewestMigration() throws IOException {
        MigrationVersion newest = migrationVersions().stream().map(MigrationVersion::fromVersion)
                .max(Comparator.naturalOrder()).orElseThrow();
        assertThat(Database.SCHEMA_VERSION)
                .as("raise Database.SCHEMA_VERSION to the newest migration in db/migration")
                .isEqualTo(newest.getVersion());
    }
}
