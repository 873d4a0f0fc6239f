package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The cached sizes of multi-head latent attention: what one token of context stores per layer.
 *
 * @param kvLoraRank    the compressed key/value latent (DeepSeek's {@code kv_lora_rank})
 * @param qkRopeHeadDim the decoupled rotary key, shared by all heads ({@code qk_rope_head_dim})
 */
public record LatentAttention(
        @JsonProperty(required = true) int kvLoraRank,
        @JsonProperty(required = true) int qkRopeHeadDim) {

    public LatentAttention {
        CatalogChecks.positive("mla.kvLoraRank", kvLoraRank);
        CatalogChecks.positive("mla.qkRopeHeadDim", qkRopeHeadDim);
    }

    /** Values cached per token and layer. */
    public int cachedPerTokenPerLayer() {
        return kvLoraRank + qkRopeHeadDim;
    }
}
