package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broken rules file fails with file:line, never silently. */
class PolicyCompilerTest {

    private final PolicyCompiler compiler = new PolicyCompiler();
    private final RuleSet real = RuleSet.fromDirectory(PolicyCasesTest.POLICY_DIR);

    private RuleCompilationException compileWith(String file, String text) {
        Map<String, String> drl = new HashMap<>(real.drlFiles());
        drl.put(file, text);
        return catchThrowableOfType(RuleCompilationException.class,
                () -> compiler.compile(RuleSet.of("test", drl, real.caseFiles())));
    }

    @Test
    void theRealPolicyCompilesWithAReasonForEveryRule() {
        CompiledPolicy policy = compiler.compile(real);
        assertThat(policy.rules()).hasSizeGreaterThan(15)
                .allSatisfy(r -> assertThat(r.reason()).isNotBlank().doesNotStartWith("\""));
        assertThat(policy.rules()).extracting(RuleInfo::file)
                .contains("volume.drl", "quality.drl", "privacy.drl", "recommendation.drl", "near-misses.drl", "caveats.drl");
        assertThat(policy.revision()).hasSize(12).isEqualTo(real.revision());
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLine() {
        RuleCompilationException e = compileWith("broken.drl", """
                package hostwise.policy;

                rule "A rule with a missing parenthesis"
                    @reason("test")
                when
                    dev.hostwise.knowledge.Scenario( requestsPerDay > 5
                then
                end
                """);
        assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("broken.drl");
            assertThat(p.line()).isBetween(6, 8);
        });
    }

    @Test
    void aReferenceToAFieldThatDoesNotExistIsAnError() {
        RuleCompilationException e = compileWith("typo.drl", """
                package hostwise.policy;
                import dev.hostwise.knowledge.Scenario;

                rule "A rule that misspells a field"
                    @reason("test")
                when
                    Scenario( requestPerDay > 5 )
                then
                end
                """);
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("typo.drl");
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.message()).contains("requestPerDay");
        });
    }

    @Test
    void aDuplicateRuleNameIsAnErrorNotAReplacement() {
        RuleCompilationException e = compileWith("zz-duplicate.drl", """
                package hostwise.policy;
                import dev.hostwise.knowledge.Scenario;

                rule "Privacy holds when the data must stay in-house"
                    @reason("a copy")
                when
                    Scenario( )
                then
                end
                """);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("zz-duplicate.drl");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("duplicate rule name", "privacy.drl:");
        });
    }

    @Test
    void aRuleWithoutAReasonIsRefused() {
        RuleCompilationException e = compileWith("no-reason.drl", """
                package hostwise.policy;
                import dev.hostwise.knowledge.Scenario;

                rule "A rule nobody explained"
                when
                    Scenario( )
                then
                end
                """);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.toString()).startsWith("no-reason.drl:4: ");
            assertThat(p.message()).contains("@reason");
        });
    }

    @Test
    void theRevisionChangesWithTheRulesAndOnlyWithThem() {
        Map<String, String> drl = new HashMap<>(real.drlFiles());
        assertThat(RuleSet.of("copy", drl, Map.of()).revision()).isEqualTo(real.revision());
        drl.put("caveats.drl", drl.get("caveats.drl") + "\n// a comment\n");
        assertThat(RuleSet.of("edited", drl, real.caseFiles()).revision()).isNotEqualTo(real.revision());
    }
}
