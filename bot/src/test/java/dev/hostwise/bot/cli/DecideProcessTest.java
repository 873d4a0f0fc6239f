package dev.hostwise.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.bot.PolicyFiles;
import dev.hostwise.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostwise decide} as a process of its own, as users run it: the policy and catalog are prepared before
 * picocli has read the command line, from the caches once they are filled, and the verdict is the same either
 * way and always on the rules the command names.
 */
class DecideProcessTest {

    private static final List<String> ARTICLE = List.of("--json", "--requests-per-day", "100000", "--task", "CLASSIFICATION",
            "--quality", "GOOD_ENOUGH", "--privacy", "MUST_STAY_IN_HOUSE");

    @TempDir
    Path dir;

    @Test
    void aStartFromTheCachesGivesTheVerdictACompilingStartGives() throws Exception {
        Decided compiling = decide(Map.of(), List.of());
        Decided cached = decide(Map.of(), List.of());

        assertThat(entries(".policy")).hasSize(1);
        assertThat(entries(".catalog")).hasSize(1);
        assertThat(entries(".bundled-rules")).hasSize(1);
        assertThat(withoutIdAndTime(cached.verdict())).isEqualTo(withoutIdAndTime(compiling.verdict()));
        assertThat(cached.verdict().get("rulesRevision").asText()).isEqualTo(RuleSet.bundled().revision());
    }

    @Test
    void theRulesTheCommandNamesDecideHoweverTheyAreNamed() throws Exception {
        Path edited = editedRules(dir.resolve("edited"));
        Path other = editedRules(dir.resolve("other"));
        Files.writeString(other.resolve("volume.drl"), "\n// and another\n", java.nio.file.StandardOpenOption.APPEND);
        String bundled = RuleSet.bundled().revision();
        String editedRevision = RuleSet.fromDirectory(edited).revision();
        String otherRevision = RuleSet.fromDirectory(other).revision();
        assertThat(List.of(bundled, editedRevision, otherRevision)).doesNotHaveDuplicates();

        assertThat(decide(Map.of(), List.of("--rules", edited.toString())).rulesRevision()).isEqualTo(editedRevision);
        assertThat(decide(Map.of(), List.of("--rules=" + edited)).rulesRevision()).isEqualTo(editedRevision);
        assertThat(decide(Map.of("HOSTWISE_RULES_DIR", edited.toString()), List.of()).rulesRevision()).isEqualTo(editedRevision);
        assertThat(decide(Map.of("HOSTWISE_RULES_DIR", edited.toString()), List.of("--rules", other.toString())).rulesRevision())
                .as("the flag wins over the setting").isEqualTo(otherRevision);
        // the flag before the scenario's, as well as after them
        assertThat(decide(Map.of(), List.of("--rules", other.toString()), ARTICLE).rulesRevision()).isEqualTo(otherRevision);
    }

    @Test
    void badInputIsReportedByFieldWhileThePolicyIsStillPreparedAndNeverOpensTheStore() throws Exception {
        ProcessBuilder pb = process(List.of("--requests-per-day", "-5", "--task", "POETRY", "--quality", "GOOD_ENOUGH",
                "--privacy", "NONE"));
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(HostwiseCli.BAD_INPUT);
        assertThat(Files.readString(err)).contains("requestsPerDay (--requests-per-day) -5").contains("taskType (--task-type) 'POETRY'")
                .doesNotContain("Exception");
        assertThat(dir.resolve("data")).as("no database made for bad input").doesNotExist();
    }

    private record Decided(JsonNode verdict) {
        String rulesRevision() {
            return verdict.get("rulesRevision").asText();
        }
    }

    private Decided decide(Map<String, String> settings, List<String> extra) throws IOException, InterruptedException {
        return decide(settings, ARTICLE, extra);
    }

    private Decided decide(Map<String, String> settings, List<String> first, List<String> then) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(first);
        args.addAll(then);
        ProcessBuilder pb = process(args);
        pb.environment().putAll(settings);
        Path out = dir.resolve("out.json");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("decide ends").isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(stderr).isZero();
        // the link line only: no logging set-up warnings, no stack traces
        assertThat(stderr.lines().filter(l -> !l.startsWith("hostwise decide: saved as "))).as(stderr).isEmpty();
        return new Decided(new ObjectMapper().readTree(out.toFile()));
    }

    /** {@code hostwise decide ARGS} as the launcher runs it, with only a data and a cache directory of its own set. */
    private ProcessBuilder process(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-Dorg.jboss.logging.provider=slf4j",
                "-cp", System.getProperty("java.class.path"), "dev.hostwise.bot.cli.HostwiseCli", "decide"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("HOSTWISE_") || k.startsWith("SLACK_") || k.startsWith("MATTERMOST_"));
        pb.environment().put("HOSTWISE_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("HOSTWISE_CACHE_DIR", dir.resolve("cache").toString());
        return pb;
    }

    private Path editedRules(Path target) throws IOException {
        PolicyFiles.copyTo(target);
        Files.writeString(target.resolve("volume.drl"), "\n// an edit that changes nothing but the revision\n",
                java.nio.file.StandardOpenOption.APPEND);
        return target;
    }

    private List<Path> entries(String suffix) throws IOException {
        try (var files = Files.list(dir.resolve("cache"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static JsonNode withoutIdAndTime(JsonNode verdict) {
        ObjectNode copy = verdict.deepCopy();
        copy.remove(List.of("id", "createdAt"));
        return copy;
    }
}
