package dev.hostwise.bot.replay;

import dev.hostwise.bot.render.FigureRow;
import dev.hostwise.bot.render.FigureRows;
import dev.hostwise.rules.ConditionResult;
import dev.hostwise.rules.Verdict;
import dev.hostwise.rules.facts.Condition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed between a verdict and the same scenario decided again (on newer rules, or a candidate
 * policy): the recommendation, each condition, the figures as shown, and caveats added or dropped.
 */
public record VerdictComparison(Verdict before, Verdict after, List<VerdictChange> changes) {

    public static VerdictComparison of(Verdict before, Verdict after) {
        List<VerdictChange> changes = new ArrayList<>();
        if (before.recommendation() != after.recommendation()) {
            changes.add(new VerdictChange("recommendation", before.recommendation().headline(), after.recommendation().headline()));
        }
        // every condition either verdict has, in the newer verdict's order: a policy can gain or lose one
        Set<Condition> conditions = new LinkedHashSet<>(after.conditions().keySet());
        conditions.addAll(before.conditions().keySet());
        for (Condition c : conditions) {
            ConditionResult b = before.condition(c);
            ConditionResult a = after.condition(c);
            if (b != null && a != null && b.holds() != a.holds()) {
                changes.add(new VerdictChange(c.name(), holds(b), holds(a)));
            } else if (b == null || a == null) {
                changes.add(new VerdictChange(c.name(), b == null ? "not a condition" : holds(b), a == null ? "not a condition" : holds(a)));
            }
        }
        Map<String, FigureRow> old = FigureRows.of(before.figures()).stream()
                .collect(Collectors.toMap(FigureRow::name, Function.identity()));
        for (FigureRow now : FigureRows.of(after.figures())) {
            FigureRow was = old.get(now.name());
            if (was != null && !was.value().equals(now.value())) {
                changes.add(new VerdictChange(now.name(), was.value(), now.value()));
            }
        }
        Set<String> oldCaveats = Set.copyOf(before.caveats());
        Set<String> newCaveats = Set.copyOf(after.caveats());
        after.caveats().stream().filter(c -> !oldCaveats.contains(c))
                .forEach(c -> changes.add(new VerdictChange("caveat added", "", c)));
        before.caveats().stream().filter(c -> !newCaveats.contains(c))
                .forEach(c -> changes.add(new VerdictChange("caveat dropped", c, "")));
        return new VerdictComparison(before, after, List.copyOf(changes));
    }

    public boolean recommendationChanged() {
        return before.recommendation() != after.recommendation();
    }

    private static String holds(ConditionResult r) {
        return r.holds() ? "holds" : "does not hold";
    }
}
