package dev.hostwise.bot.health;

import java.util.Optional;

/**
 * One condition a replica needs before it should get traffic: the store answers, the policy is active, a
 * chat platform has accepted the bot's token. {@code /readyz} asks every registered check on the server's
 * IO thread, so a check must answer from state it already holds (a volatile flag, a cached probe result):
 * never a network call, a database query or a lock another thread may hold for long.
 */
@FunctionalInterface
public interface ReadinessCheck {

    /** Empty when the condition holds; otherwise one line saying what is missing and, if known, why. */
    Optional<String> unmet();
}
