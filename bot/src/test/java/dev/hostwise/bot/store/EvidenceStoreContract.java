package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Requester;
import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.evidence.LoadTestRun;
import dev.hostwise.knowledge.evidence.ThroughputEvidence;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What the evidence store (migration V7) promises, run against each database: a run comes back whole, the
 * same file is stored once, and a decision's evidence is what was imported up to its moment. Each test
 * uses its own model, so tests do not see each other's rows on a shared PostgreSQL database.
 */
abstract class EvidenceStoreContract {

    abstract Env env();

    /** A run as an import makes it; {@code id} stands for the file's SHA-256. */
    static LoadTestRun run(String id, String model, String gpu, Instant importedAt) {
        return new LoadTestRun(id, LocalDate.of(2026, 11, 20), true, importedAt, model, gpu, 2, Precision.FP8, 64,
                "max_concurrency", 900.0, 300.0, 6.1538, 1846.15, 9.9402, "mean_e2el_ms", 640, 3, 104.0, 612.4, 1290.3, 31.2, 34.9,
                9940.2, 10911.0, "meta-llama/Llama-3.3-70B-Instruct", "vllm", "llama.json");
    }

    private static String id(String seed) {
        return (seed + "0".repeat(64)).substring(0, 64);
    }

    @Test
    void aRunComesBackWholeAndTheSameFileIsStoredOnce() {
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2032-01-01T00:00:00Z"))) {
            LoadTestRun r = run(id("a1"), "llama-3.3-70b", "h100-80gb", Instant.parse("2032-01-01T00:00:00Z"));
            EvidenceStore.Saved first = hw.store().evidence().save(r, Requester.cli());
            assertThat(first.isNew()).isTrue();
            assertThat(hw.store().evidence().byId(r.evidenceId())).contains(r);
            EvidenceStore.Saved again = hw.store().evidence().save(r, Requester.web());
            assertThat(again.isNew()).isFalse();
            assertThat(again.run()).isEqualTo(r);
            assertThat(hw.store().evidence().runsFor("llama-3.3-70b", Instant.parse("2032-01-02T00:00:00Z"))).containsExactly(r);
        }
    }

    @Test
    void theSameFileForAnotherConfigurationIsRefused() {
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2032-02-01T00:00:00Z"))) {
            hw.store().evidence().save(run(id("b1"), "llama-3.1-70b", "h100-80gb", Instant.parse("2032-02-01T00:00:00Z")), Requester.cli());
            assertThatThrownBy(() -> hw.store().evidence().save(run(id("b1"), "llama-3.1-70b", "h200", Instant.parse("2032-02-01T00:00:00Z")),
                    Requester.cli())).isInstanceOf(EvidenceConflictException.class).hasMessageContaining("cannot also be evidence");
        }
    }

    @Test
    void aDecisionSeesOnlyWhatWasImportedUpToItsMoment() {
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2032-03-01T00:00:00Z"))) {
            LoadTestRun early = run(id("c1"), "qwen3-32b", "h100-80gb", Instant.parse("2032-03-01T10:00:00Z"));
            LoadTestRun late = run(id("c2"), "qwen3-32b", "h200", Instant.parse("2032-03-05T10:00:00Z"));
            hw.store().evidence().save(early, Requester.cli());
            hw.store().evidence().save(late, Requester.cli());
            ThroughputEvidence between = hw.store().evidence().asOf(Instant.parse("2032-03-03T00:00:00Z"));
            assertThat(between.runsFor("qwen3-32b")).containsExactly(early);
            assertThat(hw.store().evidence().asOf(Instant.parse("2032-03-06T00:00:00Z")).runsFor("qwen3-32b"))
                    .containsExactly(early, late);
            assertThat(between.runsFor("qwen3-8b")).isEmpty();
        }
    }

    @Test
    void twoImportsOfOneFileAtOnceStoreItOnce() throws Exception {
        try (Hostwise hw = StoreFixture.start(env(), Instant.parse("2032-04-01T00:00:00Z"))) {
            LoadTestRun r = run(id("d1"), "gemma-3-27b", "h100-80gb", Instant.parse("2032-04-01T00:00:00Z"));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<EvidenceStore.Saved>> saves = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    saves.add(pool.submit(() -> hw.store().evidence().save(r, Requester.web())));
                }
                long stored = 0;
                for (Future<EvidenceStore.Saved> f : saves) {
                    stored += f.get().isNew() ? 1 : 0;
                }
                assertThat(stored).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(hw.store().evidence().runsFor("gemma-3-27b", Instant.parse("2032-04-02T00:00:00Z"))).hasSize(1);
        }
    }
}
