package dev.hostwise.rules.facts;

/** A rule's conclusion about one condition: whether it holds, and why, in words an engineer can check. */
public record Finding(Condition condition, boolean holds, String reason) {

    /** For a condition of the policy's own: {@code insert(new Finding("LATENCY", false, "..."))}. */
    public Finding(String condition, boolean holds, String reason) {
        this(Condition.named(condition), holds, reason);
    }
}
