package dev.hostwise.bot.render;

import static dev.hostwise.rules.facts.Format.count;
import static dev.hostwise.rules.facts.Format.num;
import static dev.hostwise.rules.facts.Format.percent;
import static dev.hostwise.rules.facts.Format.usd;

import dev.hostwise.knowledge.InputSensitivity;
import dev.hostwise.knowledge.ThroughputSource;
import dev.hostwise.rules.Verdict;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * Which input would flip the cost case, for every renderer: the flip point in words, and the tornado
 * (daily saving at ±50% of each input), widest swing first.
 */
public final class SensitivityRows {

    private record Kind(String label, DoubleFunction<String> format) {
    }

    private static final Map<String, Kind> KINDS = Map.of(
            "requestsPerSecond", new Kind("throughput per replica", v -> num(v) + " req/s"),
            "requestsPerDay", new Kind("volume", v -> count(v) + " requests/day"),
            "hostedPricePer1kTokens", new Kind("hosted price", v -> "$" + num(v) + " per 1k tokens"),
            "hostedInputPricePer1M", new Kind("hosted input price", v -> "$" + num(v) + " per 1M tokens"),
            "hostedOutputPricePer1M", new Kind("hosted output price", v -> "$" + num(v) + " per 1M tokens"),
            "gpuDollarsPerHour", new Kind("GPU price", v -> usd(v) + " per GPU-hour"),
            "utilization", new Kind("utilisation", v -> percent(v)),
            "opsCostPerMonth", new Kind("ops cost", v -> usd(v) + " a month"));

    private SensitivityRows() {
    }

    public static List<SensitivityRow> of(Verdict v) {
        if (v.sensitivity() == null) {
            return List.of();
        }
        return v.sensitivity().inputs().stream()
                .sorted(Comparator.comparingDouble((InputSensitivity i) -> -i.tornado().swing()))
                .map(i -> row(i, v))
                .toList();
    }

    private static SensitivityRow row(InputSensitivity i, Verdict v) {
        Kind kind = KINDS.getOrDefault(i.input(), new Kind(i.input(), SensitivityRows::plain));
        String now = kind.format().apply(i.value());
        String flip = i.flipAt() == null ? "never" : kind.format().apply(i.flipAt());
        return new SensitivityRow(i.input(), kind.label(), now, flip, sentence(i, kind, now, flip, v),
                usd(i.tornado().low()), usd(i.tornado().high()),
                kind.format().apply(i.tornado().lowValue()), kind.format().apply(i.tornado().highValue()),
                i.tornado().low(), i.tornado().high());
    }

    private static String sentence(InputSensitivity i, Kind kind, String now, String flip, Verdict v) {
        String entered = "requestsPerSecond".equals(i.input()) ? now + " (" + source(v.figures().throughputSource()) + ")" : now;
        if (i.flipAt() == null) {
            return "No " + kind.label() + " alone changes the cost case; it is " + entered + ".";
        }
        String side = i.winsAbove() ? "above" : "below";
        return i.holdsNow()
                ? "Self-hosting stays cheaper only while the " + kind.label() + " is " + side + " " + flip + "; it is " + entered + "."
                : "Self-hosting wins only if the " + kind.label() + " is " + side + " " + flip + "; you entered " + entered + ".";
    }

    private static String source(ThroughputSource s) {
        return switch (s) {
            case MEASURED -> "measured";
            case ESTIMATED -> "estimated";
            case ASSUMED -> "guessed";
        };
    }

    private static String plain(double v) {
        return num(v);
    }
}
