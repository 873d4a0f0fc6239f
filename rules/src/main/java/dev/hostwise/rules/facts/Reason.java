package dev.hostwise.rules.facts;

/** A further reason for the recommendation, such as why two of three conditions are not enough. */
public record Reason(String text) {
}
