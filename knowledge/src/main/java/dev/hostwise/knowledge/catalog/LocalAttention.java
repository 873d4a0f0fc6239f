package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Layers that attend only to nearby tokens, so their KV cache never holds more than the window:
 * sliding windows (Gemma 3, gpt-oss) or fixed chunks (Llama 4's chunked local attention). The
 * other layers attend to the whole context.
 *
 * @param kind   {@code sliding} (the last {@code window} tokens) or {@code chunked} (the tokens of the
 *               current {@code window}-token chunk); either way a layer caches at most the window
 * @param window tokens one of these layers attends to at most
 * @param layers how many of the model's layers are local
 */
public record LocalAttention(
        @JsonProperty(required = true) String kind,
        @JsonProperty(required = true) int window,
        @JsonProperty(required = true) int layers) {

    public LocalAttention {
        if (!"sliding".equals(kind) && !"chunked".equals(kind)) {
            throw new IllegalArgumentException("localAttention.kind '" + kind + "' must be sliding or chunked");
        }
        CatalogChecks.positive("localAttention.window", window);
        CatalogChecks.positive("localAttention.layers", layers);
    }
}
