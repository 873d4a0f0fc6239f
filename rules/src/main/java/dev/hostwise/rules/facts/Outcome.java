package dev.hostwise.rules.facts;

/** The recommendation a rule concluded, with the reason it gives first. */
public record Outcome(Recommendation recommendation, String reason) {
}
