package dev.hostwise.bot.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The checks behind {@code GET /readyz}, by name. Each part of the application registers its own (the
 * store, the policy, every chat surface that is configured); none knows about the others, so a new chat
 * platform adds one check and touches nothing else.
 */
public final class Readiness {

    /** A check's name and what it said. */
    public record Result(String name, Optional<String> unmet) {

        public boolean met() {
            return unmet.isEmpty();
        }
    }

    private record Named(String name, ReadinessCheck check) {
    }

    private final List<Named> checks = new CopyOnWriteArrayList<>();

    /** Adds a check; names are what an operator reads in {@code /readyz}, e.g. {@code store}, {@code slack}. */
    public Readiness register(String name, ReadinessCheck check) {
        if (checks.stream().anyMatch(c -> c.name().equals(name))) {
            throw new IllegalArgumentException("a readiness check named " + name + " is already registered");
        }
        checks.add(new Named(name, check));
        return this;
    }

    /** Every check's answer, in the order they were registered. A check that throws counts as unmet. */
    public List<Result> results() {
        List<Result> out = new ArrayList<>(checks.size());
        for (Named c : checks) {
            Optional<String> unmet;
            try {
                unmet = c.check().unmet();
            } catch (RuntimeException e) {
                unmet = Optional.of("the check failed: " + e.getClass().getSimpleName());
            }
            out.add(new Result(c.name(), unmet == null ? Optional.of("the check gave no answer") : unmet));
        }
        return out;
    }

    public boolean ready() {
        return results().stream().allMatch(Result::met);
    }
}
