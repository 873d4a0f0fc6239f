package dev.hostwise.bot.metrics;

import dev.hostwise.bot.Hostwise;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * {@code hostwise_rules_active{revision, catalog_date} 1}: the rules revision this replica decides with.
 * Each replica reloads the rules on its own when the mounted directory changes, so for a while after an
 * edit they may disagree; scraped from every replica, one query shows whether they converged:
 * {@code count(count by (revision) (hostwise_rules_active)) > 1}.
 */
public final class ActiveRules {

    private ActiveRules() {
    }

    /** Registers the gauge and keeps it on the active revision after every activated reload. */
    public static void track(Hostwise hostwise) {
        MultiGauge gauge = MultiGauge.builder("hostwise.rules.active")
                .description("The rules revision (and catalog date) this replica decides with; always 1")
                .register(hostwise.metrics().registry());
        Runnable update = () -> gauge.register(List.of(MultiGauge.Row.of(Tags.of(
                "revision", hostwise.decider().activePolicy().revision(),
                "catalog_date", String.valueOf(hostwise.catalog().date())), 1)), true);
        update.run();
        hostwise.onReload(outcome -> {
            if (outcome.activated()) {
                update.run();
            }
        });
    }
}
