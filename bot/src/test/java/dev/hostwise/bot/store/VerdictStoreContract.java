package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.rules.FiredRule;
import dev.hostwise.rules.Verdict;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What the store promises, run against each database. Each test uses its own year, so tests do not
 * depend on each other's counters on a shared PostgreSQL database.
 */
abstract class VerdictStoreContract {

    /** A fresh, migrated-on-start environment for this database. */
    abstract Env env();

    @Test
    void everyVerdictIsStoredWithItsRequesterAndReadBackByLinkAndById() {
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2031-03-04T10:15:30Z"))) {
            RecordedVerdict r = hw.decideFor(StoreFixture.scenario(hw, 100_000), Requester.chat(Platform.SLACK, "T0001", "C0002", "U0003"));
            assertThat(r.saveProblem()).isEmpty();
            assertThat(r.linkToken()).isPresent();
            assertThat(r.verdict().id()).matches("HW-2031-\\d{4}");

            StoredVerdict byLink = hw.store().byToken(r.linkToken().get()).orElseThrow();
            // the whole verdict comes back: scenario, figures, conditions, reasons, caveats, rules, revision, date
            assertThat(byLink.verdict()).isEqualTo(r.verdict());
            assertThat(byLink.requester()).isEqualTo(Requester.chat(Platform.SLACK, "T0001", "C0002", "U0003"));
            assertThat(byLink.appVersion()).isEqualTo(Hostwise.version());
            assertThat(byLink.supersedes()).isEmpty();
            assertThat(byLink.ruleReasons()).extracting(RuleReason::rule)
                    .containsExactlyElementsOf(r.verdict().firedRules().stream().map(FiredRule::rule).toList());
            assertThat(byLink.ruleReasons()).allSatisfy(rr -> assertThat(rr.reason()).isNotBlank());

            assertThat(hw.store().byId(r.verdict().id())).get().extracting(StoredVerdict::linkToken).isEqualTo(r.linkToken().get());
            assertThat(hw.store().byId(r.verdict().id().toLowerCase())).isPresent();
        }
    }

    @Test
    void variedVerdictsReadBackExactlyWithTheirRulesReasons() {
        String[] tasks = {"CLASSIFICATION", "RAG_QA", "CODE_GENERATION", "CREATIVE_WRITING"};
        String[] privacy = {"NONE", "CONTRACTUAL", "MUST_STAY_IN_HOUSE"};
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2035-06-07T08:09:10.123456789Z"))) {
            for (int i = 0; i < 24; i++) {
                java.util.Map<String, String> fields = new java.util.HashMap<>(java.util.Map.of(
                        "requestsPerDay", String.valueOf(5_000 + i * 97_331),
                        "taskType", tasks[i % tasks.length],
                        "qualityNeed", i % 5 == 0 ? "QUALITY_IS_THE_PRODUCT" : "GOOD_ENOUGH",
                        "privacyNeed", privacy[i % privacy.length]));
                if (i % 2 == 0) {
                    // an estimated throughput: figures.estimate and its caveats are stored too
                    fields.put("openModel", "llama-2-13b");
                    fields.put("gpuType", i % 4 == 0 ? "a100-80gb" : "l4");
                }
                if (i % 3 == 0) {
                    fields.put("pricingMode", "AUTOSCALED");
                    fields.put("minReplicas", "2");
                }
                RecordedVerdict r = hw.decideFor(hw.reader().fromText(fields), Requester.web());
                StoredVerdict stored = hw.store().byToken(r.linkToken().orElseThrow()).orElseThrow();
                assertThat(stored.verdict()).isEqualTo(r.verdict());
                assertThat(new dev.hostwise.bot.VerdictJson().write(stored.verdict()))
                        .isEqualTo(new dev.hostwise.bot.VerdictJson().write(r.verdict()));
                assertThat(stored.ruleReasons()).extracting(RuleReason::rule)
                        .containsExactlyElementsOf(r.verdict().firedRules().stream().map(FiredRule::rule).toList());
                assertThat(stored.ruleReasons()).allSatisfy(rr -> assertThat(rr.reason()).isNotBlank());
            }
        }
    }

    @Test
    void aVerdictStoredAsTextBeforeVerdictsWerePackedStillReadsExactly() throws Exception {
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2036-02-03T04:05:06.789Z"))) {
            Verdict decided = hw.decide(StoreFixture.scenario(hw, 250_000)).withId("HW-2036-9001");
            List<RuleReason> reasons = List.of(new RuleReason("volume.drl", "A rule", "Why it exists, as it read then."));
            dev.hostwise.bot.VerdictJson json = new dev.hostwise.bot.VerdictJson();
            // a row as schema versions 1 to 4 wrote it: the verdict and the reasons as JSON text
            try (Connection c = hw.store().database().connection();
                 java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO verdict (id, link_token, created_at, "
                         + "recommendation, rules_revision, catalog_date, app_version, source, rule_reasons, verdict_json) "
                         + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, decided.id());
                ps.setString(2, "textRowTokenAbcdefghijkl");
                ps.setObject(3, java.time.OffsetDateTime.ofInstant(decided.createdAt(), java.time.ZoneOffset.UTC));
                ps.setString(4, decided.recommendation().name());
                ps.setString(5, decided.rulesRevision());
                ps.setObject(6, decided.catalogDate());
                ps.setString(7, "0.0.9");
                ps.setString(8, "api");
                ps.setString(9, json.mapper().writeValueAsString(reasons));
                ps.setString(10, json.writeCompact(decided));
                ps.executeUpdate();
            }
            StoredVerdict stored = hw.store().byId("HW-2036-9001").orElseThrow();
            assertThat(stored.verdict()).isEqualTo(decided);
            assertThat(stored.ruleReasons()).isEqualTo(reasons);
            assertThat(stored.appVersion()).isEqualTo("0.0.9");
        }
    }

    @Test
    void idsCountUpWithinAYearAndStartAgainInTheNext() {
        Instant lateIn2032 = Instant.parse("2032-12-31T23:59:59Z");
        List<String> ids = new ArrayList<>();
        try (Hostwise hw = StoreFixture.start(env(), lateIn2032)) {
            ids.add(hw.decideFor(StoreFixture.scenario(hw, 1000), Requester.api()).verdict().id());
            ids.add(hw.decideFor(StoreFixture.scenario(hw, 2000), Requester.api()).verdict().id());
        }
        try (Hostwise hw = StoreFixture.start(env(), lateIn2032.plusSeconds(1))) {
            ids.add(hw.decideFor(StoreFixture.scenario(hw, 3000), Requester.api()).verdict().id());
        }
        assertThat(ids).containsExactly("HW-2032-0001", "HW-2032-0002", "HW-2033-0001");
    }

    @Test
    void linksAreUnguessableAndTheShortIdIsNotALink() {
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2034-01-01T00:00:00Z"))) {
            RecordedVerdict a = hw.decideFor(StoreFixture.scenario(hw, 1000), Requester.cli());
            RecordedVerdict b = hw.decideFor(StoreFixture.scenario(hw, 1000), Requester.cli());
            assertThat(a.linkToken().get()).matches("[A-Za-z0-9_-]{24}").isNotEqualTo(b.linkToken().get());
            assertThat(hw.store().byToken(a.verdict().id())).isEmpty();
            assertThat(hw.store().byToken("AAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
            assertThat(hw.store().byToken("' OR '1'='1")).isEmpty();
        }
    }

    @Test
    void reevaluatingAddsAVerdictThatSupersedesTheOldOneWhichStaysAsItWas() {
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2035-06-01T12:00:00Z"))) {
            RecordedVerdict first = hw.decideFor(StoreFixture.scenario(hw, 50_000), Requester.web());
            StoredVerdict old = hw.store().byToken(first.linkToken().get()).orElseThrow();

            RecordedVerdict again = hw.reevaluate(old, Requester.web());

            StoredVerdict newer = hw.store().byToken(again.linkToken().get()).orElseThrow();
            assertThat(newer.id()).isNotEqualTo(old.id());
            assertThat(newer.supersedes()).contains(old.id());
            assertThat(newer.verdict().scenario()).isEqualTo(old.verdict().scenario());
            assertThat(hw.store().byToken(first.linkToken().get())).contains(old);
            assertThat(hw.store().supersededBy(old.id())).extracting(VerdictSummary::id).containsExactly(newer.id());
        }
    }

    @Test
    void packedVerdictsKeepTheirProbabilitiesPoolMembersAndWhyTheySupersede() throws Exception {
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2038-02-03T09:00:00Z"))) {
            List<String> asked = new ArrayList<>();
            for (String channel : new String[] {"C1", "C2", "C3"}) {
                RecordedVerdict r = hw.decideFor(hw.reader().fromText(java.util.Map.of("requestsPerDay", "60000",
                        "throughputMeasured", "true", "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH",
                        "privacyNeed", "MUST_STAY_IN_HOUSE")), Requester.chat(Platform.SLACK, "T0", channel, "U" + channel));
                asked.add(r.verdict().id());
                StoredVerdict back = hw.store().byToken(r.linkToken().orElseThrow()).orElseThrow();
                assertThat(back.verdict().probabilities()).isNotNull().isEqualTo(r.verdict().probabilities());
            }

            dev.hostwise.bot.pool.Pools.Found found = new dev.hostwise.bot.pool.Pools(hw, java.time.Duration.ofDays(180))
                    .find(Requester.web());
            // a shared PostgreSQL may hold other tests' candidates from later years; these three are in one pool
            StoredVerdict pooled = found.pools().stream().map(dev.hostwise.bot.pool.Pools.Shown::stored)
                    .filter(p -> p.verdict().pooledFrom().containsAll(asked)).findFirst().orElseThrow();
            StoredVerdict pooledBack = hw.store().byToken(pooled.linkToken()).orElseThrow();
            assertThat(pooledBack.verdict().pooledFrom()).containsAll(asked);
            assertThat(pooledBack.verdict().pool()).isNotNull();
            assertThat(pooledBack.verdict()).isEqualTo(pooled.verdict());

            StoredVerdict old = hw.store().byId(asked.get(0)).orElseThrow();
            Verdict draft = hw.decide(old.verdict().scenario());
            StoredVerdict successor = hw.store().saveSuperseding(draft, Requester.web(), Hostwise.version(), old.id(),
                    old.ruleReasons(), "inputs changed: catalog of 2026-12-01 → 2026-12-02", (c, stored) -> { }).orElseThrow();
            StoredVerdict successorBack = hw.store().byToken(successor.linkToken()).orElseThrow();
            assertThat(successorBack.supersedeReason()).contains("inputs changed: catalog of 2026-12-01 → 2026-12-02");
            assertThat(successorBack.verdict()).isEqualTo(successor.verdict());
            assertThat(hw.store().supersededBy(old.id())).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo(successor.id());
                assertThat(s.supersedeReason()).contains("inputs changed: catalog of 2026-12-01 → 2026-12-02");
            });
            try (Connection c = hw.store().database().connection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM verdict WHERE verdict_packed IS NULL AND created_at >= "
                         + "TIMESTAMP '2038-01-01 00:00:00'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("every verdict written packed").isZero();
            }
        }
    }

    @Test
    void replicasSharingOneDatabaseNeverHandOutTheSameId() throws Exception {
        Instant at = Instant.parse("2036-02-02T02:02:02Z");
        int perThread = 15;
        try (Hostwise replicaA = StoreFixture.start(env(), at); Hostwise replicaB = StoreFixture.start(env(), at)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<List<String>>> work = new ArrayList<>();
            for (Hostwise hw : List.of(replicaA, replicaB, replicaA, replicaB)) {
                work.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        RecordedVerdict r = hw.decideFor(StoreFixture.scenario(hw, 1000 + i), Requester.api());
                        assertThat(r.saveProblem()).isEmpty();
                        ids.add(r.verdict().id());
                    }
                    return ids;
                }));
            }
            TreeSet<String> all = new TreeSet<>();
            int total = 0;
            for (Future<List<String>> f : work) {
                List<String> ids = f.get();
                total += ids.size();
                all.addAll(ids);
            }
            pool.shutdown();
            assertThat(all).hasSize(total);
            // nothing failed, so no number was skipped either
            assertThat(all.first()).isEqualTo("HW-2036-0001");
            assertThat(all).contains(String.format("HW-2036-%04d", total));
        }
    }

    @Test
    void recentVerdictsComeNewestFirst() {
        try (Hostwise early = StoreFixture.start(env(), Instant.parse("2037-01-01T00:00:00Z"));
             Hostwise late = StoreFixture.start(env(), Instant.parse("2099-01-01T00:00:00Z"))) {
            String older = early.decideFor(StoreFixture.scenario(early, 1000), Requester.cli()).verdict().id();
            String newest = late.decideFor(StoreFixture.scenario(late, 1000), Requester.cli()).verdict().id();
            // other tests' verdicts (other years) may share this database: compare positions, not the whole list
            List<String> recent = late.store().recent(500).stream().map(VerdictSummary::id).toList();
            assertThat(recent).contains(newest, older);
            assertThat(recent.indexOf(newest)).isLessThan(recent.indexOf(older));
            List<VerdictSummary> newestOnly = late.store().recent(1);
            assertThat(newestOnly).extracting(VerdictSummary::id).containsExactly(newest); // no test uses a later year
            assertThat(newestOnly.get(0).requester().platform().id()).isEqualTo("cli");
        }
    }

    @Test
    void migrationsRunAtStartUpOnceAndLeaveTheDataAlone() throws Exception {
        String id;
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2038-01-01T00:00:00Z"))) {
            assertThat(hw.store().database().migrated()).isTrue();
            id = hw.decideFor(StoreFixture.scenario(hw, 1000), Requester.cli()).verdict().id();
        }
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2038-01-01T00:00:00Z"));
             Connection c = hw.store().database().connection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
                     + " WHERE \"version\" IS NOT NULL")) {
            // each versioned migration applied once (Flyway may add a row for creating the schema)
            java.util.List<String> versions = new java.util.ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
                assertThat(rs.getBoolean(2)).isTrue();
            }
            assertThat(versions).containsExactlyInAnyOrderElementsOf(SchemaVersionTest.migrationVersions());
            assertThat(hw.store().byId(id)).isPresent();
        }
    }

    @Test
    void verdictsSavedAtOnceAreEachKeptAndOneTheDatabaseRefusesCostsOnlyItself() throws Exception {
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2030-05-05T05:05:05Z"))) {
            Verdict decided = hw.decide(StoreFixture.scenario(hw, 1000));
            int callers = 8;
            int refused = 3;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            List<Future<StoredVerdict>> saves = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                // names a verdict that does not exist as the one it supersedes: the database refuses that row
                Optional<String> supersedes = i == refused ? Optional.of("HW-1999-9999") : Optional.empty();
                saves.add(pool.submit(() -> {
                    go.await();
                    return hw.store().save(decided, Requester.api(), "test", supersedes, List.of());
                }));
            }
            go.countDown();
            TreeSet<String> ids = new TreeSet<>();
            for (int i = 0; i < callers; i++) {
                if (i == refused) {
                    Future<StoredVerdict> bad = saves.get(i);
                    assertThatThrownBy(bad::get).hasCauseInstanceOf(StoreUnavailableException.class);
                    continue;
                }
                StoredVerdict saved = saves.get(i).get();
                ids.add(saved.id());
                assertThat(hw.store().byToken(saved.linkToken())).get().extracting(StoredVerdict::id).isEqualTo(saved.id());
            }
            pool.shutdown();
            // the refused verdict's number went back with its transaction: none is skipped
            assertThat(ids).containsExactly("HW-2030-0001", "HW-2030-0002", "HW-2030-0003", "HW-2030-0004",
                    "HW-2030-0005", "HW-2030-0006", "HW-2030-0007");
            assertThat(hw.store().recent(callers)).extracting(VerdictSummary::id).doesNotContainNull()
                    .containsAll(ids).doesNotHaveDuplicates();
        }
    }
}
