package dev.hostwise.rules.facts;

/** A rule's conclusion about one condition: whether it holds, and why, in words an engineer can check. */
public record Finding(Condition condition, boolean holds, String reason) {
}
