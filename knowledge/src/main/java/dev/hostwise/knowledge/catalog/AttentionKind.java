package dev.hostwise.knowledge.catalog;

/**
 * How a model's attention caches keys and values. It decides how many bytes one token of context
 * takes in the KV cache.
 */
public enum AttentionKind {
    /** Multi-head attention: one key and value head per query head. */
    MHA,
    /** Grouped-query attention: fewer key/value heads than query heads, shared by groups of them. */
    GQA,
    /**
     * Multi-head latent attention (DeepSeek): one compressed latent vector plus the rotary part per
     * token and layer, shared by all heads, instead of per-head keys and values.
     */
    MLA
}
