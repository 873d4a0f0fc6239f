package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store is migrated only when its schema is behind: a database an older Hostwise left one
 * migration short gets that migration on the next open, and one at the current version is used as is.
 */
class SchemaCheckTest {

    @Test
    void aDatabaseOneMigrationBehindIsMigratedOnFirstUse(@TempDir Path data) throws Exception {
        DatabaseSettings settings = DatabaseSettings.h2File(data);
        // as an older Hostwise left it: every migration but the newest
        String previous = SchemaVersionTest.migrationVersions().stream().map(MigrationVersion::fromVersion)
                .sorted(Comparator.reverseOrder()).skip(1).findFirst().orElseThrow().getVersion();
        Flyway.configure().dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations("classpath:db/migration").target(previous).load().migrate();

        try (Database db = Database.openOnFirstUse(settings)) {
            assertThat(db.migrated()).isFalse();
            db.connection().close();
            assertThat(db.migrated()).isTrue();
            assertThat(versions(db)).endsWith(Database.SCHEMA_VERSION);
        }
    }

    @Test
    void aCurrentDatabaseIsUsedAsItIs(@TempDir Path data) throws SQLException {
        DatabaseSettings settings = DatabaseSettings.h2File(data);
        String before;
        try (Database db = Database.open(settings)) {
            before = versions(db);
        }
        try (Database db = Database.openOnFirstUse(settings)) {
            assertThat(versions(db)).isEqualTo(before).endsWith(Database.SCHEMA_VERSION);
        }
    }

    private static String versions(Database db) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                out.append(out.length() == 0 ? "" : ",").append(rs.getString(1));
            }
        }
        return out.toString();
    }
}
