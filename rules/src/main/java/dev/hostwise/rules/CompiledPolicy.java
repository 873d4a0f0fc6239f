package dev.hostwise.rules;

import dev.hostwise.knowledge.Figures;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.rules.facts.Caveat;
import dev.hostwise.rules.facts.Condition;
import dev.hostwise.rules.facts.Finding;
import dev.hostwise.rules.facts.Outcome;
import dev.hostwise.rules.facts.PoolAdvice;
import dev.hostwise.rules.facts.QualityFit;
import dev.hostwise.rules.facts.Reason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;

/**
 * One compiled revision of the policy. Immutable and safe to share: each evaluation runs in its
 * own short-lived session, so a request that started on this revision finishes on it even if
 * another revision is activated meanwhile.
 */
public final class CompiledPolicy {

    private final KieBase base;
    private final RuleSet source;
    private final List<RuleInfo> rules;
    private final PolicyConditions conditions;

    CompiledPolicy(KieBase base, RuleSet source, List<RuleInfo> rules) {
        this(base, source, rules, source.conditions());
    }

    /** A policy whose rules and conditions were read from its source before (the compiled-policy cache keeps them). */
    CompiledPolicy(KieBase base, RuleSet source, List<RuleInfo> rules, PolicyConditions conditions) {
        this.base = base;
        this.source = source;
        this.rules = List.copyOf(rules);
        this.conditions = conditions;
    }

    /** The policy's conditions, in the order its verdicts list them, with what each needs to hold. */
    public PolicyConditions conditions() {
        return conditions;
    }

    /** The rule base, for the cache that writes it to disk. */
    KieBase base() {
        return base;
    }

    public String revision() {
        return source.revision();
    }

    public RuleSet source() {
        return source;
    }

    /** Every rule with its file and reason, in file then line order. */
    public List<RuleInfo> rules() {
        return rules;
    }

    /**
     * Evaluates with further facts the rules may match on: the throughput estimate, the
     * sensitivity of each input, the catalog figures the verdict rests on.
     */
    public Evaluation evaluate(Scenario scenario, Figures figures, QualityFit fit, List<?> facts) {
        List<Object> conclusions = new ArrayList<>();
        List<FiredRule> fired = new ArrayList<>();
        KieSession session = base.newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    Rule rule = event.getMatch().getRule();
                    fired.add(new FiredRule(PolicyCompiler.fileOf(rule), rule.getName()));
                }
            });
            // conclusions are collected as rules insert them, so reasons and caveats keep firing order
            session.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent event) {
                    if (event.getRule() != null) {
                        conclusions.add(event.getObject());
                    }
                }
            });
            session.insert(scenario);
            session.insert(figures);
            session.insert(fit);
            facts.forEach(session::insert);
            session.fireAllRules();
        } catch (RuntimeException e) {
            throw new PolicyEvaluationException("a rule failed while deciding: " + rootMessage(e), e);
        } finally {
            session.dispose();
        }
        return collect(conclusions, fired);
    }

    private Evaluation collect(List<Object> facts, List<FiredRule> fired) {
        Map<Condition, ConditionResult> found = new LinkedHashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<String> caveats = new ArrayList<>();
        List<PoolAdvice> pool = new ArrayList<>();
        for (Object o : facts) {
            if (o instanceof Finding f) {
                if (!conditions.declares(f.condition())) {
                    throw new PolicyEvaluationException("a rule concluded " + f.condition() + ", which " + PolicyConditions.FILE
                            + " does not declare; declare it there (it has " + conditions.names() + ")");
                }
                ConditionResult previous = found.put(f.condition(), new ConditionResult(f.holds(), f.reason()));
                if (previous != null) {
                    throw new PolicyEvaluationException("two rules concluded " + f.condition() + "; exactly one must");
                }
            } else if (o instanceof Outcome out) {
                outcomes.add(out);
            } else if (o instanceof Reason r) {
                reasons.add(r.text());
            } else if (o instanceof Caveat c) {
                caveats.add(c.text());
            } else if (o instanceof PoolAdvice a) {
                pool.add(a);
            }
        }
        // in the declared order, whatever order the rules fired in
        Map<Condition, ConditionResult> ordered = new LinkedHashMap<>();
        for (Condition c : conditions.names()) {
            ConditionResult r = found.get(c);
            if (r == null) {
                throw new PolicyEvaluationException("no rule concluded whether " + c + " holds");
            }
            ordered.put(c, r);
        }
        if (outcomes.size() != 1) {
            throw new PolicyEvaluationException(outcomes.isEmpty() ? "no rule reached a recommendation"
                    : outcomes.size() + " rules reached a recommendation; exactly one must");
        }
        List<String> allReasons = new ArrayList<>();
        allReasons.add(outcomes.get(0).reason());
        allReasons.addAll(reasons);
        if (pool.size() > 1) {
            throw new PolicyEvaluationException(pool.size() + " rules advised on the pool; at most one may");
        }
        return new Evaluation(outcomes.get(0).recommendation(), ordered, allReasons, caveats, fired, revision(),
                pool.isEmpty() ? null : pool.get(0));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
