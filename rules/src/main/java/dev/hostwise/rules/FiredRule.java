package dev.hostwise.rules;

/** A rule that fired while deciding a verdict, in firing order. */
public record FiredRule(String file, String rule) {
}
