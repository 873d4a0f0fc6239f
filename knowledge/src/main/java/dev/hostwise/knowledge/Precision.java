package dev.hostwise.knowledge;

import java.util.Locale;

/**
 * How the open model's weights are stored. Decode reads every weight once per step, so fewer bytes
 * per weight means proportionally faster decode (until the kernels become the limit). The KV cache
 * stays at 16 bits whatever the weights use.
 */
public enum Precision {
    FP16,
    INT8,
    INT4;

    /** The key the open-model catalog uses for this precision's weight size, e.g. {@code fp16}. */
    public String catalogKey() {
        return name().toLowerCase(Locale.ROOT);
    }
}
