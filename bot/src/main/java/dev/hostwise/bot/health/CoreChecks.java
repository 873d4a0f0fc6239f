package dev.hostwise.bot.health;

import dev.hostwise.bot.Hostwise;
import java.util.Optional;

/** The readiness checks every server has, whatever chat surfaces it runs: the store answers and a policy is active. */
public final class CoreChecks {

    private CoreChecks() {
    }

    /**
     * A registry with the core checks; chat surfaces add their own. The store's check reads the state its
     * background watch keeps ({@link dev.hostwise.bot.store.Database#watch}), never the database itself.
     */
    public static Readiness of(Hostwise hostwise) {
        return new Readiness()
                .register("store", () -> hostwise.store().database().unavailable())
                .register("policy", () -> hostwise.decider().activePolicy() == null
                        ? Optional.of("no rules revision is active yet") : Optional.empty());
    }
}
