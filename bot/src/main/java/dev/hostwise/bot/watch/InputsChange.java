package dev.hostwise.bot.watch;

import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.GpuPrice;
import dev.hostwise.knowledge.catalog.HostedModel;
import dev.hostwise.rules.Decider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What changed between two rules-and-catalog pairs, in words a notice can carry ("catalog of
 * 2026-12-01 → 2027-01-15: GPT-4.1 mini input $0.40 → $0.35 per 1M"), and the key that names the pair
 * now in force, which the watch records the change under.
 *
 * @param key    what is in force after the change: {@code rules:<revision>|catalog:<revision>}
 * @param reason what changed, for the superseding verdict's reason and the notice
 */
public record InputsChange(String key, String reason) {

    /** How many changed prices a reason names before it says "and N more". */
    private static final int NAMED = 3;

    /** The key of the pair a snapshot holds. */
    public static String keyOf(Decider.Snapshot s) {
        return "rules:" + s.policy().revision() + "|catalog:" + s.catalog().catalog().revision();
    }

    /** The change from one active pair to another; empty when both hold the same rules and catalog. */
    public static Optional<InputsChange> between(Decider.Snapshot before, Decider.Snapshot after) {
        List<String> parts = new ArrayList<>();
        if (!before.policy().revision().equals(after.policy().revision())) {
            parts.add("rules revision " + before.policy().revision() + " → " + after.policy().revision());
        }
        Catalog was = before.catalog().catalog();
        Catalog is = after.catalog().catalog();
        if (!was.revision().equals(is.revision())) {
            List<String> prices = priceChanges(was, is);
            String dated = was.date().equals(is.date()) ? "catalog of " + is.date() + " edited"
                    : "catalog of " + was.date() + " → " + is.date();
            parts.add(prices.isEmpty() ? dated : dated + ": " + String.join(", ", prices));
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InputsChange(keyOf(after), String.join("; ", parts)));
    }

    /** Hosted prices and GPUs' default prices that differ, the first few by name. */
    static List<String> priceChanges(Catalog was, Catalog is) {
        List<String> changed = new ArrayList<>();
        for (HostedModel now : is.hostedModels()) {
            was.hostedModel(now.id()).ifPresent(then -> {
                if (then.inputPer1M() != now.inputPer1M()) {
                    changed.add(now.name() + " input " + money(then.inputPer1M()) + " → " + money(now.inputPer1M()) + " per 1M");
                }
                if (then.outputPer1M() != now.outputPer1M()) {
                    changed.add(now.name() + " output " + money(then.outputPer1M()) + " → " + money(now.outputPer1M()) + " per 1M");
                }
            });
        }
        for (Gpu now : is.gpus()) {
            was.gpu(now.id()).ifPresent(then -> {
                double a = then.defaultOnDemand().map(GpuPrice::usdPerGpuHour).orElse(0.0);
                double b = now.defaultOnDemand().map(GpuPrice::usdPerGpuHour).orElse(0.0);
                if (a != b) {
                    changed.add(now.name() + " " + money(a) + " → " + money(b) + " per GPU-hour");
                }
            });
        }
        if (changed.size() > NAMED) {
            int more = changed.size() - NAMED;
            List<String> shown = new ArrayList<>(changed.subList(0, NAMED));
            shown.add("and " + more + " more price" + (more == 1 ? "" : "s"));
            return shown;
        }
        return changed;
    }

    private static String money(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().scale() <= 2
                ? String.format(Locale.ROOT, "$%.2f", d) : "$" + java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
