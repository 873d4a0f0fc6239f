package dev.hostwise.rules.facts;

/** The three conditions of the policy. Self-hosting needs all three at once. */
public enum Condition {
    /** Self-hosting all-in (GPUs in whole replicas plus ops) costs less per day than the hosted API. */
    VOLUME,
    /** The open model's fit for this task meets the quality need. */
    QUALITY,
    /** The data must stay in-house. */
    PRIVACY
}
