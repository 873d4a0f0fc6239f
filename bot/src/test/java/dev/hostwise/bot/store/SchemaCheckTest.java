package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
    void aDatabaseOneMigrationBehindIsMigratedOnFirstUse(@TempDir Path data) throws SQLException {
        DatabaseSettings settings = DatabaseSettings.h2File(data);
        try (Database db = Database.open(settings); Connection c = db.connection(); Statement st = c.createStatement()) {
            assertThat(db.migrated()).isTrue();
            // as an older Hostwise left it: without the newest migration, and without its record
            st.execute("DROP TABLE rule_revision");
            st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '" + Database.SCHEMA_VERSION + "'");
        }

        try (Database db = Database.openOnFirstUse(settings)) {
            assertThat(db.migrated()).isFalse();
            try (Connection c = db.connection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM rule_revision")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
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
