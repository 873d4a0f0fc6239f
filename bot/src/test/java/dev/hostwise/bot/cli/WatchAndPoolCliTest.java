package dev.hostwise.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.knowledge.catalog.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hostwise watch [--dry-run]} and {@code hostwise pool}, run as a user runs them, on their own database. */
class WatchAndPoolCliTest {

    @TempDir
    Path tmp;

    private Env env(Path catalog) {
        return new Env(Map.of("HOSTWISE_DATA_DIR", tmp.resolve("data").toString(), "HOSTWISE_CATALOG_DIR", catalog.toString(),
                "HOSTWISE_BASE_URL", "https://hostwise.example.com"));
    }

    private static CliRun run(Env env, String... args) {
        return CliRun.run(env, null, args);
    }

    private Path catalog() throws Exception {
        Path dir = tmp.resolve("catalog");
        Files.createDirectories(dir);
        for (String f : Catalog.files()) {
            Files.writeString(dir.resolve(f), Catalog.bundledText(f));
        }
        return dir;
    }

    private static String idOf(CliRun run) {
        return run.out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
    }

    @Test
    void aDryRunListsWhatAPriceChangeWouldSupersedeAndTheRunSupersedesIt() throws Exception {
        Path catalog = catalog();
        Env env = env(catalog);
        CliRun decided = run(env, "decide", "--requests-per-day", "1000000", "--hosted-model", "gpt-4.1-mini", "--input-tokens", "900",
                "--output-tokens", "300", "--task", "CLASSIFICATION", "--quality", "GOOD_ENOUGH", "--privacy", "MUST_STAY_IN_HOUSE");
        assertThat(decided.exitCode()).as(decided.err()).isZero();
        assertThat(decided.out()).startsWith("MEASURE FIRST");
        String id = idOf(decided);
        Path hosted = catalog.resolve(Catalog.HOSTED_MODELS);
        Files.writeString(hosted, Files.readString(hosted).replace("    inputPer1M: 0.40\n    outputPer1M: 1.60\n",
                "    inputPer1M: 0.20\n    outputPer1M: 0.80\n"));

        CliRun dry = run(env, "watch", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains(id + " would be superseded: Measure first → Stay on the hosted API",
                "Nothing was stored or posted (dry run).");
        // a dry run changes nothing: the same list again
        assertThat(run(env, "watch", "--dry-run").out()).isEqualTo(dry.out());

        CliRun real = run(env, "watch");
        assertThat(real.exitCode()).as(real.err()).isZero();
        assertThat(real.out()).contains("checked 1, superseded 1, notified 0");
        // a verdict asked on the command line has no thread to post in: no notice waits
        assertThat(real.out()).doesNotContain("wait for a running");
        assertThat(run(env, "watch", "--dry-run").out()).contains("none would be superseded");
        assertThat(run(env, "replay", id).out()).contains("replayed now");
    }

    @Test
    void theWatchSwitchedOffSaysSoButADryRunStillWorks() throws Exception {
        Env off = env(catalog()).with("HOSTWISE_WATCH", "off");
        CliRun run = run(off, "watch");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the watch is off (HOSTWISE_WATCH=off)");
        assertThat(run(off, "watch", "--dry-run").exitCode()).isZero();
        CliRun bad = run(off.with("HOSTWISE_WATCH_DAYS", "soon"), "pool");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("HOSTWISE_WATCH_DAYS must be a whole number of days");
    }

    @Test
    void poolFindsTeamsThatClearTheBreakEvenTogetherAndStoresThePoolOnce() throws Exception {
        Env env = env(catalog());
        // four teams asked in their own Slack channels, each at 60,000 a day: each stays on the hosted API alone
        try (dev.hostwise.bot.Hostwise hw = dev.hostwise.bot.Hostwise.start(env, java.util.Optional.empty(), java.time.Clock.systemUTC())) {
            for (String channel : new String[] {"C0PAYMENTS", "C0SEARCH", "C0SUPPORT", "C0RISK"}) {
                var r = hw.decideFor(hw.reader().fromText(Map.of("requestsPerDay", "60000", "throughputMeasured", "true",
                        "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE")),
                        dev.hostwise.bot.Requester.chat(dev.hostwise.bot.Platform.SLACK, "T0", channel, "U0"));
                assertThat(r.verdict().recommendation()).isEqualTo(dev.hostwise.rules.facts.Recommendation.HOSTED_API);
            }
        }
        CliRun pool = run(env, "pool");
        assertThat(pool.exitCode()).as(pool.err()).isZero();
        assertThat(pool.out()).startsWith("1 pool among ");
        assertThat(pool.out()).contains("Pool recommended: Together, the ", "240,000 requests a day",
                "https://hostwise.example.com/v/", "its share of the pool");
        String pooledId = pool.out().lines().filter(l -> l.startsWith("HW-")).findFirst().orElseThrow().split(":")[0];
        CliRun json = run(env, "replay", pooledId);
        assertThat(json.exitCode()).isZero();
        // asking again with nothing changed cites the same stored pool
        assertThat(run(env, "pool").out()).contains(pooledId + ":");
    }
}
