package dev.hostwise.knowledge;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What limits an estimated replica, over a whole request: the error band is looked up per regime. */
public enum Regime {
    /** Reading weights and KV cache from memory takes longer than the arithmetic (decode at moderate batch). */
    MEMORY_BOUND,
    /** The arithmetic, prefill included, takes longer than the memory reads (large batches, long prompts). */
    COMPUTE_BOUND,
    /**
     * A mixture-of-experts model spread over several GPUs at a small batch: the step waits on
     * dispatching tokens to experts, not on memory or arithmetic.
     */
    DISPATCH_BOUND;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** In words, e.g. "memory-bound". */
    public String label() {
        return json();
    }
}
