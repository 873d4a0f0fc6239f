package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.rules.CompiledPolicy;
import dev.hostwise.rules.RuleSet;
import dev.hostwise.rules.facts.Condition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V4 (who asked, in neutral columns) keeps every verdict and link: a database at V3 holding
 * verdicts written by the previous version ({@code db/v3-verdicts.sql}) is migrated by today's code,
 * which then serves every one of them, with the same ID, link, verdict and requester.
 */
abstract class StoreMigrationContract {

    /** An environment for an empty database of this kind. */
    abstract Env emptyDatabase();

    @Test
    void aDatabaseAtV3WithVerdictsFromThePreviousVersionMigratesAndServesThemAll() throws Exception {
        Env env = emptyDatabase();
        DatabaseSettings db = DatabaseSettings.from(env);
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration")
                .target("3").load().migrate();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement st = c.createStatement()) {
            for (String sql : fixture()) {
                st.execute(sql);
            }
        }

        try (Hostwise hw = StoreFixture.start(env, Instant.parse("2026-12-01T10:00:00Z"))) {
            VerdictStore store = hw.store();
            StoredVerdict slack = store.byId("HW-2026-0001").orElseThrow();
            assertThat(slack.requester()).isEqualTo(Requester.chat(Platform.SLACK, "T0LEGACY", "C0LEGACY", "U0LEGACY"));
            assertThat(slack.requester().inWords()).isEqualTo("Slack user U0LEGACY in channel C0LEGACY (workspace T0LEGACY)");
            assertThat(slack.verdict().conditions().keySet()).containsExactly(Condition.VOLUME, Condition.QUALITY, Condition.PRIVACY);
            assertThat(store.byId("HW-2026-0002").orElseThrow().requester()).isEqualTo(new Requester(Platform.CLI, null, null, "ann"));
            assertThat(store.byId("HW-2026-0003").orElseThrow().requester()).isEqualTo(Requester.api());
            assertThat(store.byId("HW-2026-0004").orElseThrow().requester()).isEqualTo(Requester.web());

            // every link still opens its verdict, and the chain of re-evaluations is intact
            for (VerdictSummary s : store.recent(500).stream().filter(s -> s.id().startsWith("HW-2026-")).toList()) {
                assertThat(store.byToken(s.linkToken())).get().extracting(StoredVerdict::id).isEqualTo(s.id());
            }
            assertThat(store.recent(500)).extracting(VerdictSummary::id)
                    .contains("HW-2026-0001", "HW-2026-0002", "HW-2026-0003", "HW-2026-0004", "HW-2026-0005");
            assertThat(store.supersededBy("HW-2026-0004")).extracting(VerdictSummary::id).containsExactly("HW-2026-0005");
            assertThat(store.recentBy(Platform.SLACK, "U0LEGACY", 5)).extracting(VerdictSummary::id).containsExactly("HW-2026-0001");

            // the rules that decided them can still be replayed: their sources predate conditions.yaml
            RuleSet decidedBy = store.ruleRevisions().find(slack.verdict().rulesRevision()).orElseThrow();
            CompiledPolicy old = hw.compiler().compile(decidedBy);
            assertThat(old.revision()).isEqualTo(slack.verdict().rulesRevision());
            assertThat(old.conditions().names()).containsExactly(Condition.VOLUME, Condition.QUALITY, Condition.PRIVACY);

            // numbering goes on from the stored counter, and new verdicts carry the neutral columns
            RecordedVerdict next = hw.decideFor(StoreFixture.scenario(hw, 5000), Requester.chat(Platform.SLACK, "T1", "C1", "U1"));
            assertThat(next.verdict().id()).isEqualTo("HW-2026-0006");
            assertThat(store.recentBy(Platform.SLACK, "U1", 5)).extracting(VerdictSummary::id).containsExactly("HW-2026-0006");

            // a replica still on the previous version, during a rolling update, writes only the old columns
            try (Connection c = store.database().connection(); Statement st = c.createStatement()) {
                st.execute(fixture().stream().filter(s -> s.contains("'HW-2026-0001'")).findFirst().orElseThrow()
                        .replace("'HW-2026-0001'", "'HW-2026-0099'").replaceFirst("VALUES \\('HW-2026-0099', '[^']*'",
                                "VALUES ('HW-2026-0099', 'AAAAAAAAAAAAAAAAAAAAAAAA'"));
            }
            assertThat(store.byId("HW-2026-0099").orElseThrow().requester())
                    .isEqualTo(Requester.chat(Platform.SLACK, "T0LEGACY", "C0LEGACY", "U0LEGACY"));
        }
    }

    private static List<String> fixture() throws IOException {
        try (InputStream in = StoreMigrationContract.class.getResourceAsStream("/db/v3-verdicts.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("--"))
                    .map(l -> l.endsWith(";") ? l.substring(0, l.length() - 1) : l)
                    .toList();
        }
    }
}
