package dev.hostwise.rules;

import dev.hostwise.rules.facts.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Runs policy cases against one compiled revision. */
public final class PolicyCaseRunner {

    private final Decider decider;
    private final Decider.CatalogContext catalog;

    public PolicyCaseRunner(Decider decider, Decider.CatalogContext catalog) {
        this.decider = decider;
        this.catalog = catalog;
    }

    public List<CaseResult> run(CompiledPolicy policy, List<PolicyCase> cases) {
        List<CaseResult> results = new ArrayList<>();
        for (PolicyCase c : cases) {
            results.add(run(policy, c));
        }
        return results;
    }

    public CaseResult run(CompiledPolicy policy, PolicyCase c) {
        String expected = describe(c.recommendation().name(), c.conditions());
        try {
            Verdict v = decider.decide(c.scenario(), "case", Instant.EPOCH, policy, catalog);
            boolean passed = v.recommendation() == c.recommendation()
                    && c.conditions().entrySet().stream()
                    .allMatch(e -> v.condition(e.getKey()) != null && v.condition(e.getKey()).holds() == e.getValue());
            Map<Condition, Boolean> actualConditions = new java.util.LinkedHashMap<>();
            c.conditions().keySet().forEach(k -> {
                if (v.condition(k) != null) {
                    actualConditions.put(k, v.condition(k).holds());
                }
            });
            return new CaseResult(c, passed, expected, describe(v.recommendation().name(), actualConditions));
        } catch (PolicyEvaluationException e) {
            return new CaseResult(c, false, expected, "no verdict: " + e.getMessage());
        }
    }

    private static String describe(String recommendation, Map<Condition, Boolean> conditions) {
        StringJoiner j = new StringJoiner(", ", recommendation + (conditions.isEmpty() ? "" : " ("), conditions.isEmpty() ? "" : ")");
        conditions.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }
}
