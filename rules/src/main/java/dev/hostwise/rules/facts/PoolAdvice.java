package dev.hostwise.rules.facts;

/**
 * The policy's word on a pool of teams' demand: whether to build a shared cluster for it, and why.
 * Rules conclude it (in {@code pool.drl}) from a {@link PoolCandidate} and the pooled decision; at
 * most one per pooled decision, none for a verdict that is not a pool.
 */
public record PoolAdvice(boolean recommended, String reason) {
}
