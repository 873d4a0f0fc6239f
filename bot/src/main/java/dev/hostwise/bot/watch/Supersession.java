package dev.hostwise.bot.watch;

import dev.hostwise.rules.Verdict;
import dev.hostwise.rules.facts.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a verdict decided again differs enough from the stored one to supersede it: its
 * recommendation changed, or its daily saving crossed zero (self-hosting went from cheaper to dearer,
 * or back). Smaller moves (a figure a few cents off, a caveat more) leave it standing: a team cited it
 * for its answer.
 */
public final class Supersession {

    private Supersession() {
    }

    /** What changed, in words ("Stay on the hosted API → Self-host; daily saving -$12.00 → $35.20"); empty when nothing that matters did. */
    public static Optional<String> why(Verdict old, Verdict now) {
        List<String> parts = new ArrayList<>();
        if (old.recommendation() != now.recommendation()) {
            parts.add(old.recommendation().headline() + " → " + now.recommendation().headline());
        }
        double before = saving(old);
        double after = saving(now);
        if ((before > 0) != (after > 0)) {
            parts.add("daily saving from self-hosting " + Format.usd(before) + " → " + Format.usd(after));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    /** What self-hosting saves per day; negative when it costs more. */
    static double saving(Verdict v) {
        return v.figures().hostedPerDay() - v.figures().selfHostPerDay();
    }
}
