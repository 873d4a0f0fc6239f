package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Hostwise;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration numbers are reserved per branch, so a database can have been migrated by a build that had V7 (the
 * load-test evidence) but not V6 (the outbox). Opening it with this build must add V6, not skip Flyway because the
 * newest version matches, and not refuse the gap.
 */
class MigrationGapTest {

    @TempDir
    Path dataDir;

    @Test
    void aDatabaseMigratedPastAMissingVersionGetsThatVersionAppliedOnOpen() throws Exception {
        try (Hostwise hw = StoreFixture.start(StoreFixture.h2(dataDir), Instant.parse("2026-06-01T00:00:00Z"));
             Connection c = hw.store().database().connection(); Statement st = c.createStatement()) {
            // as a build without the outbox left it: V6's tables and its history row absent, V7 applied
            st.execute("DROP TABLE outbox_jobs");
            st.execute("DROP TABLE outbox_workers");
            st.execute("DROP TABLE request_keys");
            st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '6'");
        }
        try (Hostwise hw = StoreFixture.start(StoreFixture.h2(dataDir), Instant.parse("2026-06-01T00:00:00Z"));
             Connection c = hw.store().database().connection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM outbox_jobs")) {
                assertThat(rs.next()).isTrue();
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" IN ('6', '7') AND \"success\"")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }
}
