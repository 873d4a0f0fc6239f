package dev.hostwise.rules;

import dev.hostwise.rules.facts.Condition;
import dev.hostwise.rules.facts.PoolAdvice;
import dev.hostwise.rules.facts.Recommendation;
import java.util.List;
import java.util.Map;

/** What the rules concluded for one scenario, before it is given an ID and a time. */
public record Evaluation(
        Recommendation recommendation,
        Map<Condition, ConditionResult> conditions,
        List<String> reasons,
        List<String> caveats,
        List<FiredRule> firedRules,
        String rulesRevision,
        PoolAdvice pool) {

    public Evaluation(Recommendation recommendation, Map<Condition, ConditionResult> conditions, List<String> reasons,
                      List<String> caveats, List<FiredRule> firedRules, String rulesRevision) {
        this(recommendation, conditions, reasons, caveats, firedRules, rulesRevision, null);
    }
}
