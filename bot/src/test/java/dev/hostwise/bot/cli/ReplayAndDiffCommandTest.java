package dev.hostwise.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.PolicyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replaying a stored verdict, and impact analysis of a candidate policy, against a real embedded store. */
class ReplayAndDiffCommandTest {

    private static final String[] CONTRACTUAL = {"--requests-per-day", "1000000", "--task", "CLASSIFICATION",
        "--quality", "GOOD_ENOUGH", "--privacy", "CONTRACTUAL", "--throughput-measured"};

    private static String decide(Env env, String... flags) throws IOException {
        String[] args = new String[flags.length + 2];
        args[0] = "decide";
        args[1] = "--json";
        System.arraycopy(flags, 0, args, 2, flags.length);
        CliRun run = CliRun.run(env, null, args);
        assertThat(run.exitCode()).isZero();
        return new ObjectMapper().readTree(run.out()).get("id").asText();
    }

    /** A candidate policy in which a contractual privacy need is enough to self-host. */
    private static Path lenientPolicy(Path dir) throws IOException {
        PolicyFiles.copyTo(dir);
        Path privacy = dir.resolve("privacy.drl");
        Files.writeString(privacy, Files.readString(privacy).replace(
                "insert(new Finding(Condition.PRIVACY, false,\n        \"The requirement is contractual",
                "insert(new Finding(Condition.PRIVACY, true,\n        \"The requirement is contractual"));
        return dir;
    }

    @Test
    void replayShowsWhatChangesOnOtherRules(@TempDir Path data, @TempDir Path rules) throws IOException {
        Env env = CliRun.env().with("HOSTWISE_DATA_DIR", data.toString());
        String id = decide(env, CONTRACTUAL);

        CliRun same = CliRun.run(env, null, "replay", id);
        assertThat(same.exitCode()).isZero();
        assertThat(same.out()).contains(id + " decided ", "Stay on the hosted API", "nothing changed");

        CliRun changed = CliRun.run(env, null, "replay", id, "--rules", lenientPolicy(rules).toString());
        assertThat(changed.exitCode()).isZero();
        assertThat(changed.out()).contains("recommendation: Stay on the hosted API -> Self-host",
                "PRIVACY: does not hold -> holds");

        // a verdict decided on the lenient rules, replayed later on its own (kept) revision: nothing changes
        Env lenient = env.with("HOSTWISE_RULES_DIR", rules.toString());
        String lenientId = decide(lenient, CONTRACTUAL);
        CliRun own = CliRun.run(env, null, "replay", lenientId, "--own-revision");
        assertThat(own.exitCode()).isZero();
        assertThat(own.out()).contains("nothing changed");
        // the kept sources (rules, cases and conditions.yaml) rebuild exactly the revision that decided it
        java.util.List<String> lines = own.out().lines().toList();
        String decidedOn = lines.get(0).replaceAll(".* on rules (\\w+):.*", "$1");
        assertThat(lines.get(1)).startsWith("replayed now on rules " + decidedOn + ":");
        CliRun current = CliRun.run(env, null, "replay", lenientId);
        assertThat(current.out()).contains("recommendation: Self-host -> Stay on the hosted API");
    }

    @Test
    void rulesThatDoNotCompileAreBadInputNamingFileAndLineInEveryCommand(@TempDir Path data, @TempDir Path rules)
            throws IOException {
        Env env = CliRun.env().with("HOSTWISE_DATA_DIR", data.toString());
        String id = decide(env, CONTRACTUAL);
        PolicyFiles.copyTo(rules);
        Path privacy = rules.resolve("privacy.drl");
        Files.writeString(privacy, Files.readString(privacy) + "\nrule \"broken\" when then oops(\n");

        CliRun replay = CliRun.run(env, null, "replay", id, "--rules", rules.toString());
        CliRun decide = CliRun.run(env, null, "decide", "--rules", rules.toString(), "--requests-per-day", "1000",
                "--task", "CLASSIFICATION", "--quality", "GOOD_ENOUGH", "--privacy", "NONE");

        for (CliRun run : List.of(replay, decide)) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).containsPattern("(?m)^hostwise (replay|decide): rules: privacy\\.drl:\\d+").doesNotContain("\tat ");
        }
    }

    @Test
    void replayOfAnUnknownIdIsBadInput(@TempDir Path data) {
        CliRun run = CliRun.run(CliRun.env().with("HOSTWISE_DATA_DIR", data.toString()), null, "replay", "HW-2026-9999");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no verdict HW-2026-9999", "IDs look like HW-2026-0042");
    }

    @Test
    void diffListsTheStoredVerdictsWhoseRecommendationWouldChange(@TempDir Path data, @TempDir Path rules) throws IOException {
        Env env = CliRun.env().with("HOSTWISE_DATA_DIR", data.toString());
        String affected = decide(env, CONTRACTUAL);
        String unaffected = decide(env, "--requests-per-day", "50000", "--task", "CLASSIFICATION", "--quality", "GOOD_ENOUGH",
                "--privacy", "NONE");
        CliRun run = CliRun.run(env, null, "rules", "diff", lenientPolicy(rules).toString(), "--last", "10");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(affected + " (", "Stay on the hosted API -> Self-host",
                "1 of the last 2 verdict(s) would change recommendation").doesNotContain(unaffected + " (");
    }
}
