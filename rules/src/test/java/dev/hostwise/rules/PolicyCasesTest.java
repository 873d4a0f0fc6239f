package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.catalog.Catalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every policy case in rules/policy/cases against the real .drl files beside them. */
class PolicyCasesTest {

    static final Path POLICY_DIR = Path.of("policy");
    private static CheckReport report;

    @BeforeAll
    static void checkThePolicy() {
        Catalog catalog = Catalog.bundled();
        PolicyCompiler compiler = new PolicyCompiler();
        RuleSet rules = RuleSet.fromDirectory(POLICY_DIR);
        Decider decider = new Decider(catalog, compiler.compile(rules));
        report = new PolicyCheck(compiler, decider).check(rules);
    }

    @Test
    void thePolicyCompilesAndItsCasesLoad() {
        assertThat(report.problems()).isEmpty();
        // 9 combinations + the article + 10 edges + 7 estimates + 6 sizing + 4 staleness + 5 configuration searches
        // + 9 uncertainty + 4 pooling + 6 measured quality + 8 load tests as evidence
        assertThat(report.cases()).hasSize(69);
    }

    @TestFactory
    Stream<DynamicTest> everyPolicyCase() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CaseResult r : report.cases()) {
            tests.add(DynamicTest.dynamicTest(r.policyCase().file() + ": " + r.policyCase().name(),
                    () -> assertThat(r.passed()).as(r.toString()).isTrue()));
        }
        return tests.stream();
    }
}
