package dev.hostwise.rules.facts;

/** Something the team should know before acting on the verdict. */
public record Caveat(String text) {
}
