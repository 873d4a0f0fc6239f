package dev.hostwise.bot.store;

/**
 * A rule that fired for a verdict and the {@code @reason} it carried in the revision that decided
 * it. Kept with the verdict because the rules may change after it was decided.
 */
public record RuleReason(String file, String rule, String reason) {
}
