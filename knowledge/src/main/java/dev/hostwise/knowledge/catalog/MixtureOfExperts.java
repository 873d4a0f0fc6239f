package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A mixture-of-experts model's routing: each token goes to {@code activePerToken} of the
 * {@code experts} routed experts in every MoE layer, plus any shared experts every token uses.
 *
 * @param sharedExperts experts every token passes through (counted in the active parameters)
 * @param layers        layers with routed experts; the others are dense
 */
public record MixtureOfExperts(
        @JsonProperty(required = true) int experts,
        @JsonProperty(required = true) int activePerToken,
        @JsonProperty(required = true) int sharedExperts,
        @JsonProperty(required = true) int layers) {

    public MixtureOfExperts {
        CatalogChecks.positive("moe.experts", experts);
        CatalogChecks.positive("moe.activePerToken", activePerToken);
        CatalogChecks.nonNegative("moe.sharedExperts", sharedExperts);
        CatalogChecks.positive("moe.layers", layers);
        if (activePerToken >= experts) {
            throw new IllegalArgumentException("moe.activePerToken " + activePerToken + " must be fewer than moe.experts "
                    + experts + ": a token that uses every expert is a dense model");
        }
    }

    /**
     * Expected distinct experts that a step of {@code tokens} tokens reads in each MoE layer, when
     * each token picks {@code activePerToken} of them at random: {@code E (1 - (1 - k/E)^B)}. One
     * token reads k; a large batch reads nearly all E.
     */
    public double expertsTouched(double tokens) {
        return experts * (1 - Math.pow(1 - (double) activePerToken / experts, tokens));
    }
}
