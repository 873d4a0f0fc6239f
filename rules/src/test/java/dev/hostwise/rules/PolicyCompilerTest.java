package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostwise.rules.facts.Condition;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
        assertThat(RuleSet.of("copy", drl, Map.of(), real.conditionsFile()).revision()).isEqualTo(real.revision());
        // the declared conditions are part of the policy: changing one is a new revision
        assertThat(RuleSet.of("renamed", drl, Map.of(), real.conditionsFile().map(t -> t.replace("in-house.", "in-house!")))
                .revision()).isNotEqualTo(real.revision());
        drl.put("caveats.drl", drl.get("caveats.drl") + "\n// a comment\n");
        assertThat(RuleSet.of("edited", drl, real.caseFiles(), real.conditionsFile()).revision()).isNotEqualTo(real.revision());
    }

    @Test
    void aConditionsFileThatDoesNotReadIsRefusedWithItsLine() {
        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile(RuleSet.of("bad",
                real.drlFiles(), real.caseFiles(), Optional.of("""
                        conditions:
                          - name: VOLUME
                            summary: cheaper at your volume.
                          - name: quality
                            summary: good enough.
                          - name: PRIVACY
                            colour: blue
                          - name: LATENCY
                            summary: fast enough.
                            probability: latencyMet
                        """))));
        assertThat(e.problems()).extracting(Object::toString).containsExactlyInAnyOrder(
                "conditions.yaml:4: name: 'quality' is not a condition name: use upper case letters, digits and underscores, "
                        + "starting with a letter, e.g. VOLUME or DATA_RESIDENCY",
                "conditions.yaml:6: 'colour' is not a key of a condition; use name, summary and (for a condition the numbers "
                        + "decide) probability",
                "conditions.yaml:6: PRIVACY needs a summary: what must be true for it to hold, in a few words people read in help",
                "conditions.yaml:8: LATENCY: probability 'latencyMet' is not an outcome the uncertainty analysis draws; the "
                        + "outcomes are [selfHostCheaper]");
    }

    @Test
    void rulesWithoutAConditionsFileHaveTheBundledConditionsInTheirOrder() {
        CompiledPolicy old = compiler.compile(RuleSet.of("written before conditions.yaml", real.drlFiles(), Map.of()));
        assertThat(old.conditions().names()).containsExactly(Condition.VOLUME, Condition.QUALITY, Condition.PRIVACY);
        assertThat(old.conditions().conditions()).allSatisfy(d -> assertThat(d.summary()).isNotBlank());
    }
}
