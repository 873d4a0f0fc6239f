package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A policy case file is read as strictly as the scenario API: a key given twice, a second YAML document,
 * or an expected recommendation spelt with a homoglyph is a problem naming the file, never a case that
 * silently tests something else.
 */
class StrictCaseFilesTest {

    private static final String CASE = """
            cases:
              - name: A plain case
                scenario:
                  requestsPerDay: 103680
                  taskType: CLASSIFICATION
                  qualityNeed: GOOD_ENOUGH
                  privacyNeed: MUST_STAY_IN_HOUSE
                expect:
                  recommendation: %s
            """;

    private final PolicyCaseLoader loader = new PolicyCaseLoader(new ScenarioReader(Catalog.bundled()));

    private List<RuleProblem> problems(String caseFile) {
        RuleSet bundled = RuleSet.bundled();
        RuleSet rules = RuleSet.of("test", bundled.drlFiles(), Map.of("cases/t.yaml", caseFile));
        List<RuleProblem> problems = new ArrayList<>();
        loader.load(rules, problems);
        return problems;
    }

    @Test
    void aPlainCaseLoads() {
        assertThat(problems(CASE.formatted("HOSTED_API"))).isEmpty();
        assertThat(problems(CASE.formatted("hosted_api"))).isEmpty();
    }

    @Test
    void aKeyGivenTwiceIsAProblem() {
        String twice = CASE.formatted("HOSTED_API").replace("      requestsPerDay: 103680\n",
                "      requestsPerDay: 103680\n      requestsPerDay: 5\n");
        assertThat(problems(twice)).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("cases/t.yaml");
            assertThat(p.message()).contains("Duplicate field 'requestsPerDay'");
        });
    }

    @Test
    void aSecondYamlDocumentIsAProblem() {
        assertThat(problems(CASE.formatted("HOSTED_API") + "---\n" + CASE.formatted("SELF_HOST")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("has a second YAML document"));
    }

    @Test
    void aHomoglyphRecommendationIsAProblem() {
        // "ſelf_hoſt" (long s) used to upper-case into SELF_HOST
        assertThat(problems(CASE.formatted("ſelf_hoſt"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("expect.recommendation", "must be one of SELF_HOST"));
    }
}
