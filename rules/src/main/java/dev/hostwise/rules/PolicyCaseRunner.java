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
            Verdict v;
            String poolProblem = null;
            Boolean recommendedPool = null;
            if (c.pooling()) {
                PoolOutcome pooled = pool(c, policy, context, at);
                v = pooled.verdict();
                poolProblem = pooled.problem();
                recommendedPool = v == null || v.pool() == null ? null : v.pool().recommended();
                if (v == null) {
                    return new CaseResult(c, false, expected, "no pool: " + poolProblem);
                }
            } else {
                v = decider.decide(c.scenario(), "case", at, policy, context, ThroughputEvidence.of(c.loadTests()));
            }
            List<String> reasons = new ArrayList<>(v.reasons());
            if (v.pool() != null) {
                reasons.add(v.pool().reason());
            }
            List<String> missing = c.caveatsInclude().stream()
                    .filter(t -> v.caveats().stream().noneMatch(cv -> cv.contains(t))).toList();
            List<String> unwanted = c.caveatsExclude().stream()
                    .filter(t -> v.caveats().stream().anyMatch(cv -> cv.contains(t))).toList();
            List<String> missingReasons = c.reasonsInclude().stream()
                    .filter(t -> reasons.stream().noneMatch(r -> r.contains(t))).toList();
            boolean poolAsExpected = c.poolRecommended() == null || c.poolRecommended().equals(recommendedPool);
            boolean passed = v.recommendation() == c.recommendation()
                    && c.conditions().entrySet().stream()
                    .allMatch(e -> v.condition(e.getKey()) != null && v.condition(e.getKey()).holds() == e.getValue())
                    && missing.isEmpty() && unwanted.isEmpty() && missingReasons.isEmpty() && poolAsExpected;
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
            if (!missingReasons.isEmpty()) {
                expected += "; a reason containing " + quoted(missingReasons);
                actual += "; reasons " + reasons;
            }
            if (!poolAsExpected) {
                expected += "; pool recommended " + c.poolRecommended();
                actual += "; pool " + (v.pool() == null ? "not advised on" : (v.pool().recommended() ? "recommended: " : "not recommended: ")
                        + v.pool().reason());
            }
            return new CaseResult(c, passed, expected, actual);
        } catch (PolicyEvaluationException e) {
            return new CaseResult(c, false, expected, "no verdict: " + e.getMessage());
        }
    }

    /** The pooled verdict of a pooling case, or why its members do not make one pool. */
    private record PoolOutcome(Verdict verdict, String problem) {
    }

    private PoolOutcome pool(PolicyCase c, CompiledPolicy policy, Decider.CatalogContext context, Instant at) {
        Decider.Snapshot snapshot = new Decider.Snapshot(policy, context, ThroughputEvidence.of(c.loadTests()));
        List<Pooling.Member> members = new ArrayList<>();
        for (int i = 0; i < c.pool().size(); i++) {
            Verdict member = decider.decide(c.pool().get(i), "member-" + (i + 1), at, snapshot);
            if (!Pooling.candidate(member)) {
                return new PoolOutcome(null, "member " + (i + 1) + " is not a pooling candidate (PRIVACY and QUALITY must hold and"
                        + " VOLUME fail): " + member.recommendation() + " " + member.conditions());
            }
            String team = c.poolTeams().isEmpty() ? "team " + (i + 1) : c.poolTeams().get(i);
            members.add(new Pooling.Member("member-" + (i + 1), team, member));
        }
        Pooling pooling = new Pooling(decider);
        List<Pooling.Group> groups = pooling.groups(members, snapshot);
        if (groups.size() != 1 || groups.get(0).members().size() != members.size()) {
            return new PoolOutcome(null, "the members do not form one pool: " + groups.stream()
                    .map(g -> g.openModel() + " " + g.members().stream().map(Pooling.Member::id).toList()).toList());
        }
        return new PoolOutcome(pooling.decide(groups.get(0), snapshot, "pool", at).verdict(), null);
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
