package dev.hostwise.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.util.json.GsonFactory;
import dev.hostwise.bot.render.VerdictText;
import dev.hostwise.bot.slack.blocks.HelpMessage;
import dev.hostwise.bot.slack.blocks.HomeTab;
import dev.hostwise.bot.slack.blocks.VerdictMessage;
import dev.hostwise.bot.web.ScenarioForm;
import dev.hostwise.bot.web.VerdictAdr;
import dev.hostwise.bot.web.VerdictPage;
import dev.hostwise.bot.web.VerdictView;
import dev.hostwise.rules.CompiledPolicy;
import dev.hostwise.rules.PolicyCheck;
import dev.hostwise.rules.RuleSet;
import dev.hostwise.rules.Verdict;
import dev.hostwise.rules.facts.Condition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy's shape comes from the policy. A copy of the real policy gets a fourth condition (a rule
 * file and its line in conditions.yaml, nothing else), and every renderer lists it, in the declared
 * order, and counts "all four" without a code change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyShapeTest {

    static final String LATENCY_RULES = """
            // LATENCY: a fourth condition, added by editing the rules only
            package hostwise.policy;

            import dev.hostwise.knowledge.Scenario;
            import dev.hostwise.rules.facts.Finding;

            rule "Latency holds when the latency target leaves room to batch"
                @reason("A loose latency target lets one replica batch many requests, which is what makes self-hosting cheap.")
            when
                Scenario( maxSecondsPerRequest >= 2 )
            then
                insert(new Finding("LATENCY", true, "A latency target of several seconds leaves room to batch requests."));
            end

            rule "Latency fails when the latency target is too tight to batch"
                @reason("Under two seconds a replica serves requests nearly one at a time, and the GPU sits mostly idle.")
            when
                Scenario( maxSecondsPerRequest < 2 )
            then
                insert(new Finding("LATENCY", false, "A latency target under two seconds leaves no room to batch."));
            end
            """;

    static final String LATENCY_DECLARED = """
              - name: LATENCY
                summary: the latency target leaves room to batch requests on a shared GPU.
            """;

    @TempDir
    static Path tmp;

    private Hostwise hostwise;
    private Verdict verdict;

    /** The real policy with the extra condition, in a directory a test may edit. */
    static Path policyWithLatency(Path dir) throws Exception {
        Path rules = PolicyFiles.copyTo(dir);
        Files.writeString(rules.resolve("latency.drl"), LATENCY_RULES);
        Files.writeString(rules.resolve("conditions.yaml"), LATENCY_DECLARED, StandardOpenOption.APPEND);
        return rules;
    }

    @BeforeAll
    void decideOnThePolicyWithAFourthCondition() throws Exception {
        Path rules = policyWithLatency(tmp.resolve("rules"));
        hostwise = Hostwise.start(new Env(Map.of("HOSTWISE_DATA_DIR", tmp.resolve("data").toString(),
                "HOSTWISE_RULES_DIR", rules.toString())), Optional.empty(), Clock.systemUTC());
        verdict = hostwise.decide(hostwise.reader().fromText(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE")));
    }

    @AfterAll
    void stop() {
        hostwise.close();
    }

    @Test
    void theNewConditionPassesTheGateAndIsConcludedInTheDeclaredOrder() {
        CompiledPolicy policy = hostwise.decider().activePolicy();
        assertThat(new PolicyCheck(hostwise.compiler(), hostwise.decider()).check(RuleSet.fromDirectory(hostwise.rulesDir().orElseThrow()))
                .passed()).isTrue();
        assertThat(policy.conditions().names()).containsExactly(Condition.VOLUME, Condition.QUALITY, Condition.PRIVACY,
                Condition.named("LATENCY"));
        assertThat(verdict.conditions().keySet()).containsExactly(Condition.VOLUME, Condition.QUALITY, Condition.PRIVACY,
                Condition.named("LATENCY"));
        assertThat(new VerdictJson().write(verdict)).contains("\"LATENCY\" : {", "leaves room to batch requests");
    }

    @Test
    void theCommandLineListsItAndCountsFour() {
        String text = new VerdictText().render(verdict);
        assertThat(text).contains("Conditions (all four must hold)", "[x] LATENCY  A latency target of several seconds");
        assertThat(text.indexOf("PRIVACY")).isLessThan(text.indexOf("LATENCY"));
    }

    @Test
    void theSlackMessageHelpAndHomeTabListIt() {
        String message = GsonFactory.createSnakeCase().toJson(new VerdictMessage().blocks(
                RecordedVerdict.unsaved(verdict, "test"), Requester.api(), Optional.empty()));
        assertThat(message).contains("*The four conditions* (self-hosting needs all four at once)",
                "✅ *Latency*  A latency target of several seconds leaves room to batch requests.");
        CompiledPolicy policy = hostwise.decider().activePolicy();
        String help = GsonFactory.createSnakeCase().toJson(new HelpMessage().blocks(policy.revision(), policy.conditions()));
        assertThat(help).contains("Self-host only when all four hold at once:",
                "✅ *Latency*: the latency target leaves room to batch requests on a shared GPU.", "Three of four is not enough.");
        String home = GsonFactory.createSnakeCase().toJson(new HomeTab().build(policy.revision(), policy.conditions(),
                hostwise.catalog().date()));
        assertThat(home).contains("the four conditions behind it", "✅ *Latency*:");
    }

    @Test
    void thePageAndTheAdrListIt() {
        VerdictView view = new VerdictView(verdict, Optional.empty(), Requester.api(), "test", List.of(), Optional.empty(),
                List.of(), Optional.empty(), List.of());
        String page = new VerdictPage().render(view, false);
        assertThat(page).contains("self-host only when all four hold", "id=\"condition-latency\"", "<strong>LATENCY</strong>",
                "A latency target of several seconds leaves room to batch requests.");
        String adr = new VerdictAdr().render(view, "https://hostwise.example.com/v/x");
        assertThat(adr).contains("self-host only when VOLUME, QUALITY, PRIVACY and LATENCY all hold at once.",
                "* **LATENCY** holds: A latency target of several seconds leaves room to batch requests.");
    }

    @Test
    void theWebFormNamesItInItsIntroduction() {
        String form = new ScenarioForm(hostwise.catalog(), hostwise.decider().activePolicy().conditions()).render(Map.of(), List.of());
        assertThat(form).contains("self-host only when volume, quality, privacy and latency all hold");
    }
}
