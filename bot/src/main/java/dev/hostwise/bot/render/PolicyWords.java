package dev.hostwise.bot.render;

import dev.hostwise.rules.facts.Condition;
import java.util.Collection;
import java.util.List;

/**
 * The policy's shape in words, counted from data: "all three must hold", "Two of three is not
 * enough", "VOLUME, QUALITY and PRIVACY". Renderers take the conditions from the verdict (or, where
 * there is none yet, from the active policy's {@code conditions.yaml}) and phrase them here, so a
 * condition added to the rules shows up everywhere with no renderer edit.
 */
public final class PolicyWords {

    private static final List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve");

    private PolicyWords() {
    }

    /** A count as a word up to twelve, in digits above: "three", "14". */
    public static String count(long n) {
        return n >= 0 && n < WORDS.size() ? WORDS.get((int) n) : String.valueOf(n);
    }

    /** As {@link #count}, capitalised for the start of a sentence: "Two". */
    public static String countCapitalised(long n) {
        String w = count(n);
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    /** "all three" for three conditions; "the one" when the policy has a single condition. */
    public static String all(long n) {
        return n == 1 ? "the one" : "all " + count(n);
    }

    /** "Two of three is not enough." for three conditions; empty when there is only one. */
    public static String nearMissIsNotEnough(long n) {
        return n < 2 ? "" : countCapitalised(n - 1) + " of " + count(n) + " is not enough.";
    }

    /** The conditions' names joined as a sentence does: "VOLUME, QUALITY and PRIVACY". */
    public static String names(Collection<Condition> conditions) {
        return and(conditions.stream().map(Condition::name).toList());
    }

    /** Their labels in lower case, joined: "volume, quality and privacy". */
    public static String labels(Collection<Condition> conditions) {
        return and(conditions.stream().map(c -> c.label().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    /** "a", "a and b", "a, b and c". */
    public static String and(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
