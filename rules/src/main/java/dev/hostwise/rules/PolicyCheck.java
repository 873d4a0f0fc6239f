package dev.hostwise.rules;

import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gate every policy passes before it is used: compile the rules, load the cases, run every case.
 * The same check runs offline ({@code hostwise rules check}) and before a reload.
 */
public final class PolicyCheck {

    private final PolicyCompiler compiler;
    private final Decider decider;

    public PolicyCheck(PolicyCompiler compiler, Decider decider) {
        this.compiler = compiler;
        this.decider = decider;
    }

    public CheckReport check(RuleSet rules) {
        return check(rules, decider.catalog());
    }

    /** Checks candidate rules together with a candidate catalog: the cases are read and decided with it. */
    public CheckReport check(RuleSet rules, Catalog catalog) {
        List<RuleProblem> problems = new ArrayList<>();
        List<PolicyCase> cases = new PolicyCaseLoader(new ScenarioReader(catalog)).load(rules, problems);
        CompiledPolicy policy;
        try {
            policy = compiler.compile(rules, catalog.revision());
        } catch (RuleCompilationException e) {
            problems.addAll(e.problems());
            return new CheckReport(rules.revision(), problems, List.of(), Optional.empty());
        }
        List<CaseResult> results = new PolicyCaseRunner(decider, Decider.CatalogContext.of(catalog)).run(policy, cases);
        return new CheckReport(rules.revision(), problems, results, Optional.of(policy));
    }
}
