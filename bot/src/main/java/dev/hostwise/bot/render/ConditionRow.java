package dev.hostwise.bot.render;

import dev.hostwise.rules.ConditionResult;
import dev.hostwise.rules.Verdict;
import dev.hostwise.rules.facts.Condition;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One of a verdict's conditions as every renderer shows it, in the policy's order: read from the
 * verdict itself, so a condition the rules add shows up everywhere with no renderer edit.
 *
 * @param name   the condition's name, its key in the verdict JSON: {@code VOLUME}
 * @param label  how people read it: "Volume"
 * @param holds  whether it holds
 * @param reason the rule's reason, in words an engineer can check
 */
public record ConditionRow(String name, String label, boolean holds, String reason) {

    /** The verdict's conditions, in the order it lists them. */
    public static List<ConditionRow> of(Verdict v) {
        return v.conditions().entrySet().stream().map(ConditionRow::of).toList();
    }

    private static ConditionRow of(Map.Entry<Condition, ConditionResult> e) {
        return new ConditionRow(e.getKey().name(), e.getKey().label(), e.getValue().holds(), e.getValue().reason());
    }

    /** An HTML id for it: {@code volume}, {@code data-residency}. */
    public String anchor() {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
