package dev.hostwise.bot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.rules.ReloadOutcome;
import dev.hostwise.rules.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionLogTest {

    private static final Hostwise HOSTWISE = Hostwise.start(new Env(Map.of()), Optional.empty(), Clock.systemUTC());

    private Verdict verdict() {
        return HOSTWISE.decide(HOSTWISE.reader().fromText(Map.of("requestsPerDay", "80000", "opsCostPerMonth", "15000",
                "taskType", "EXTRACTION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE")));
    }

    @Test
    void eachVerdictIsOneJsonLineWithInputsOutputsAndFiredRules(@TempDir Path dir) throws Exception {
        DecisionLog log = DecisionLog.fromEnv(new Env(Map.of("HOSTWISE_DATA_DIR", dir.toString())));
        Verdict a = verdict();
        Verdict b = verdict();
        log.verdict(a, Requester.chat(Platform.SLACK, "T1", "C1", "U1"));
        log.verdict(b, Requester.api());
        List<String> lines = Files.readAllLines(dir.resolve("decisions.jsonl"));
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("type").asText()).isEqualTo("verdict");
        assertThat(first.get("verdictId").asText()).isEqualTo(a.id());
        assertThat(first.get("rulesRevision").asText()).isEqualTo(a.rulesRevision());
        assertThat(first.at("/requester/channel").asText()).isEqualTo("C1");
        assertThat(first.at("/inputs/requestsPerDay").asDouble()).isEqualTo(80000);
        assertThat(first.at("/outputs/recommendation").asText()).isEqualTo("HOSTED_API");
        assertThat(first.at("/outputs/VOLUME").asBoolean()).isFalse();
        assertThat(first.get("firedRules")).isNotEmpty();
    }

    @Test
    void maskedFieldsNeverReachTheLog(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        DecisionLog log = DecisionLog.fromEnv(new Env(Map.of("HOSTWISE_AUDIT_LOG", file.toString(),
                "HOSTWISE_AUDIT_MASK", "requestsPerDay, opsCostPerMonth")));
        log.verdict(verdict(), Requester.cli());
        String line = Files.readString(file);
        JsonNode node = new ObjectMapper().readTree(line);
        assertThat(node.at("/inputs/requestsPerDay").asText()).isEqualTo("***");
        assertThat(node.at("/inputs/opsCostPerMonth").asText()).isEqualTo("***");
        assertThat(node.at("/inputs/taskType").asText()).isEqualTo("EXTRACTION");
        assertThat(line).doesNotContain("80000", "15000");
    }

    @Test
    void reloadAttemptsAreLoggedWithTheirOutcome(@TempDir Path dir) throws Exception {
        DecisionLog log = new DecisionLog(dir.resolve("a.jsonl"), java.util.Set.of());
        log.reload(new ReloadOutcome(Instant.parse("2026-11-29T10:00:00Z"), "watch", "abc123def456", false, false,
                List.of(new dev.hostwise.rules.RuleProblem("privacy.drl", 22, "mismatched input")), List.of(), 80));
        JsonNode node = new ObjectMapper().readTree(Files.readString(dir.resolve("a.jsonl")));
        assertThat(node.get("type").asText()).isEqualTo("reload");
        assertThat(node.get("activated").asBoolean()).isFalse();
        assertThat(node.at("/problems/0/file").asText()).isEqualTo("privacy.drl");
        assertThat(node.get("summary").asText()).contains("refused rules revision abc123def456");
    }
}
