package dev.hostwise.bot.render;

import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.uncertainty.Driver;
import dev.hostwise.knowledge.uncertainty.InputRange;
import dev.hostwise.knowledge.uncertainty.Probabilities;
import dev.hostwise.rules.Verdict;
import dev.hostwise.rules.facts.Format;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;

/**
 * How sure a verdict's cost case is, in words every surface uses the same way: the one line Slack,
 * Mattermost and the CLI show ("self-hosting is cheaper in 73% of plausible cases"), and the rows the
 * page and the ADR list (what drives the spread, and each input's range with where it came from).
 * Read from {@code verdict.probabilities()}; empty for a verdict stored before it existed.
 */
public final class HowSure {

    private HowSure() {
    }

    /**
     * One input's part in the spread.
     *
     * @param input           the scenario field (JSON name)
     * @param label           what it is, as forms label it
     * @param range           its range, formatted: "2 to 6 (most likely 4)"
     * @param basis           where the range comes from
     * @param rankCorrelation how the saving moves with it, from -1 to 1, formatted; "—" when it was not varied
     * @param rank            1 for the strongest driver; 0 when it was not varied
     */
    public record Row(String input, String label, String range, String basis, String rankCorrelation, int rank) {
    }

    /**
     * "Self-hosting is cheaper in 73% of plausible cases (daily saving -$120.00 to $800.00, 10th to 90th
     * percentile)." Empty when the verdict carries no probabilities.
     */
    public static Optional<String> line(Verdict v) {
        Probabilities p = v.probabilities();
        if (p == null) {
            return Optional.empty();
        }
        if (!p.anyUncertain()) {
            return Optional.of("Every uncertain input was pinned to one value, so there is one case: self-hosting is "
                    + (p.selfHostCheaper() >= 1 ? "cheaper" : "not cheaper") + " (daily saving " + Format.usd(p.savingP50()) + ").");
        }
        String spread = " (daily saving " + Format.usd(p.savingP10()) + " to " + Format.usd(p.savingP90())
                + ", 10th to 90th percentile).";
        if (p.selfHostCheaper() >= 1) {
            return Optional.of("Self-hosting is cheaper in every plausible case" + spread);
        }
        if (p.selfHostCheaper() <= 0) {
            return Optional.of("Self-hosting is cheaper in none of the plausible cases" + spread);
        }
        return Optional.of("Self-hosting is cheaper in " + share(p.selfHostCheaper()) + " of plausible cases" + spread);
    }

    /** The shortest form, for a notification or a list: "cheaper in 73% of plausible cases". */
    public static Optional<String> phrase(Verdict v) {
        Probabilities p = v.probabilities();
        return p == null ? Optional.empty() : Optional.of("self-hosting cheaper in " + share(p.selfHostCheaper()) + " of plausible cases");
    }

    /**
     * A share as a whole percentage that never rounds a possibility away: 0.996 is "over 99%", 0.003 is
     * "under 1%", only 1 and 0 are "100%" and "0%".
     */
    public static String share(double fraction) {
        if (fraction >= 1) {
            return "100%";
        }
        if (fraction <= 0) {
            return "0%";
        }
        long pct = Math.round(fraction * 100);
        if (pct >= 100) {
            return "over 99%";
        }
        if (pct <= 0) {
            return "under 1%";
        }
        return pct + "%";
    }

    /** Every range the run drew from (or pinned), strongest driver first, then the inputs no draw moved. */
    public static List<Row> rows(Verdict v) {
        Probabilities p = v.probabilities();
        if (p == null) {
            return List.of();
        }
        return p.ranges().stream().map(r -> row(r, p.drivers().stream().filter(d -> d.input().equals(r.input())).findFirst()))
                .sorted(java.util.Comparator.comparingInt((Row r) -> r.rank() == 0 ? Integer.MAX_VALUE : r.rank()))
                .toList();
    }

    private static Row row(InputRange r, Optional<Driver> driver) {
        return new Row(r.input(), label(r.input()), range(r), r.basis(),
                driver.map(d -> new BigDecimal(d.rankCorrelation()).round(new MathContext(2)).toPlainString()).orElse("—"),
                driver.map(Driver::rank).orElse(0));
    }

    /** The label forms give the field: "Throughput per replica, requests per second". */
    public static String label(String input) {
        return ScenarioField.byJson(input).map(f -> FieldMetadata.of(f).label()).orElse(input);
    }

    private static String range(InputRange r) {
        if (r.fixed()) {
            return "pinned at " + num(r.low());
        }
        String span = num(r.low()) + " to " + num(r.high());
        return switch (r.spread()) {
            case TRIANGULAR -> span + " (most likely " + num(r.value()) + ")";
            case UNIFORM -> span + " (any value alike)";
            case LOG_UNIFORM -> span + " (each doubling alike)";
        };
    }

    private static String num(double d) {
        if (Math.abs(d) >= 1000) {
            return Format.count(d);
        }
        return new BigDecimal(d).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
