package dev.hostwise.rules;

/** Whether one condition holds, and the rule's reason. */
public record ConditionResult(boolean holds, String reason) {
}
