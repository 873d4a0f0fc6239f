package dev.hostwise.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.PolicyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCheckCommandTest {

    static final Path POLICY = PolicyFiles.POLICY;

    @Test
    void theRealPolicyPasses() {
        CliRun run = CliRun.of("rules", "check", POLICY.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("PASS: revision ").contains(" 0 failed").doesNotContain("cases/");
    }

    @Test
    void testListsEveryCase() {
        CliRun run = CliRun.of("rules", "test", POLICY.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("cases/article.yaml:\\d+: PASS ")
                .containsPattern("cases/combinations.yaml:\\d+: PASS All three hold on a measured throughput, so self-host")
                .contains("PASS: revision ").contains(" 0 failed");
    }

    @Test
    void aBrokenDrlFailsWithFileAndLine(@TempDir Path dir) throws IOException {
        PolicyFiles.copyTo(dir);
        Path privacy = dir.resolve("privacy.drl");
        Files.writeString(privacy, Files.readString(privacy).replace(
                "Scenario( privacyNeed == PrivacyNeed.CONTRACTUAL )", "Scenario( privacyNeed == PrivacyNeed.CONTRACTUAL"));
        CliRun run = CliRun.of("rules", "check", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^privacy\\.drl:\\d+: ").startsWith("privacy.drl:").contains("FAIL: revision");
    }

    @Test
    void aSemanticChangeThatBreaksACaseNamesTheCase(@TempDir Path dir) throws IOException {
        PolicyFiles.copyTo(dir);
        Path privacy = dir.resolve("privacy.drl");
        // an admin decides contractual privacy is enough: the policy cases say otherwise
        Files.writeString(privacy, Files.readString(privacy).replace(
                "insert(new Finding(Condition.PRIVACY, false,\n        \"The requirement is contractual",
                "insert(new Finding(Condition.PRIVACY, true,\n        \"The requirement is contractual"));
        CliRun run = CliRun.of("rules", "check", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL A contractual privacy need is met by a data-handling clause, not by GPUs",
                "expected HOSTED_API (PRIVACY=false)", "actual   SELF_HOST (PRIVACY=true)");
    }

    @Test
    void aDirectoryThatDoesNotExistIsBadInput(@TempDir Path dir) {
        CliRun run = CliRun.of("rules", "check", dir.resolve("missing").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a directory");
    }
}
