package dev.hostwise.rules;

import dev.hostwise.knowledge.evidence.ThroughputEvidence;
import dev.hostwise.rules.facts.Condition;
import java.time.Instant;
import java.time.ZoneOffset;
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
            Instant at = c.decidedOn() == null ? Instant.EPOCH : c.decidedOn().atStartOfDay().toInstant(ZoneOffset.UTC);
            // a case decides with its own staleness limit, never the configured one, so it means the same everywhere
            Decider.CatalogContext context = c.staleAfter().equals(catalog.figures().staleAfter())
                    ? catalog : Decider.CatalogContext.of(catalog.catalog(), c.staleAfter());
            Verdict v = decider.decide(c.scenario(), "case", at, policy, context, ThroughputEvidence.of(c.loadTests()));
            List<String> missing = c.caveatsInclude().stream()
                    .filter(t -> v.caveats().stream().noneMatch(cv -> cv.contains(t))).toList();
            List<String> unwanted = c.caveatsExclude().stream()
                    .filter(t -> v.caveats().stream().anyMatch(cv -> cv.contains(t))).toList();
            boolean passed = v.recommendation() == c.recommendation()
                    && c.conditions().entrySet().stream()
                    .allMatch(e -> v.condition(e.getKey()) != null && v.condition(e.getKey()).holds() == e.getValue())
                    && missing.isEmpty() && unwanted.isEmpty();
            Map<Condition, Boolean> actualConditions = new java.util.LinkedHashMap<>();
            c.conditions().keySet().forEach(k -> {
                if (v.condition(k) != null) {
                    actualConditions.put(k, v.condition(k).holds());
                }
            });
            String actual = describe(v.recommendation().name(), actualConditions);
            if (!missing.isEmpty()) {
                expected += "; a caveat containing " + quoted(missing);
                actual += "; caveats " + v.caveats();
            } else if (!unwanted.isEmpty()) {
                expected += "; no caveat containing " + quoted(unwanted);
                actual += "; caveats " + v.caveats();
            }
            return new CaseResult(c, passed, expected, actual);
        } catch (PolicyEvaluationException e) {
            return new CaseResult(c, false, expected, "no verdict: " + e.getMessage());
        }
    }

    private static String quoted(List<String> texts) {
        StringJoiner j = new StringJoiner(", ");
        texts.forEach(t -> j.add("'" + t + "'"));
        return j.toString();
    }

    private static String describe(String recommendation, Map<Condition, Boolean> conditions) {
        StringJoiner j = new StringJoiner(", ", recommendation + (conditions.isEmpty() ? "" : " ("), conditions.isEmpty() ? "" : ")");
        conditions.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }
}
