package dev.hostwise.knowledge;

/** What stopped the estimated batch from growing. */
public enum BatchLimit {
    /** The KV cache left after the weights holds no more requests. */
    MEMORY,
    /** One more request in the batch would push a request past maxSecondsPerRequest. */
    LATENCY_TARGET,
    /** The user capped the batch with maxConcurrency. */
    MAX_CONCURRENCY
}
