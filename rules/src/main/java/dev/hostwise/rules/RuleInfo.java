package dev.hostwise.rules;

/** A rule in the active policy: its full-sentence name, the file it lives in, and why it exists. */
public record RuleInfo(String name, String file, String reason) {
}
