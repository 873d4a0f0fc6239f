package dev.hostwise.knowledge;

import java.util.Locale;

/**
 * How the open model's weights are stored, and which arithmetic multiplies them.
 *
 * <ul>
 *   <li>{@code FP16}, {@code BF16}: 16-bit weights, 16-bit compute. They size and run the same; both
 *       names are kept because checkpoints use both.</li>
 *   <li>{@code FP8}: 8-bit weights and 8-bit compute (W8A8). Needs a GPU with FP8 tensor cores
 *       (Hopper, Ada, Blackwell, CDNA3).</li>
 *   <li>{@code FP4}: 4-bit weights with an 8-bit scale per 16 (NVFP4, 4.5 bits a weight) and 4-bit
 *       compute. Needs FP4 tensor cores (Blackwell, CDNA4).</li>
 *   <li>{@code INT8}, {@code INT4}: weight-only formats. The weights are dequantised inside the
 *       kernel, so any GPU runs them with its 16-bit arithmetic; INT4 carries a 16-bit scale per 128
 *       weights (GPTQ/AWQ), 4.125 bits a weight.</li>
 *   <li>{@code MXFP4}: the OCP microscaling format gpt-oss ships in: 4 bits plus an 8-bit scale per
 *       32, 4.25 bits a weight, for the routed expert weights only (the rest stays 16-bit). A GPU
 *       with FP4 tensor cores computes it natively; any other GPU dequantises it, like a
 *       weight-only format.</li>
 * </ul>
 *
 * <p>The KV cache is 16-bit, except with FP8 or FP4 compute, where the engines store it at 8 bits
 * (see the calibration file).
 */
public enum Precision {
    FP16(16, Compute.SIXTEEN_BIT),
    BF16(16, Compute.SIXTEEN_BIT),
    FP8(8, Compute.FP8),
    INT8(8, Compute.SIXTEEN_BIT),
    INT4(4.125, Compute.SIXTEEN_BIT),
    FP4(4.5, Compute.FP4),
    MXFP4(4.25, Compute.FP4);

    /** The arithmetic a GPU's tensor cores offer. */
    public enum Compute {
        SIXTEEN_BIT("16-bit"),
        FP8("FP8"),
        FP4("FP4");

        private final String label;

        Compute(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final double bitsPerWeight;
    private final Compute compute;

    Precision(double bitsPerWeight, Compute compute) {
        this.bitsPerWeight = bitsPerWeight;
        this.compute = compute;
    }

    /** FP16 and BF16: 16-bit weights and arithmetic, sized and run the same (a load test at one stands for the other). */
    public boolean sixteenBit() {
        return this == FP16 || this == BF16;
    }

    /** The same precision, counting FP16 and BF16 as one. */
    public boolean runsAs(Precision other) {
        return this == other || (sixteenBit() && other.sixteenBit());
    }

    /** Bits one weight takes in memory, scales included. */
    public double bitsPerWeight() {
        return bitsPerWeight;
    }

    public double bytesPerWeight() {
        return bitsPerWeight / 8;
    }

    /**
     * The arithmetic this precision asks of the GPU. For the weight-only formats (INT8, INT4) it is
     * 16-bit; MXFP4 asks for FP4 but falls back to 16-bit (see {@link #computeOn}).
     */
    public Compute compute() {
        return compute;
    }

    /** True for formats that store small weights but compute at 16 bits: INT8 and INT4. */
    public boolean weightOnly() {
        return this == INT8 || this == INT4;
    }

    /**
     * True when the GPU dequantises these weights in its kernels rather than computing on them
     * directly: the weight-only formats everywhere, and MXFP4 on a GPU without FP4 tensor cores.
     */
    public boolean dequantisedOn(boolean gpuHasFp4) {
        return weightOnly() || (this == MXFP4 && !gpuHasFp4);
    }

    /**
     * The arithmetic used on a GPU, or null when the GPU lacks what this precision needs (FP8 or FP4
     * compute). MXFP4 runs on any GPU: natively with FP4, dequantised to 16 bits without.
     */
    public Compute computeOn(boolean gpuHasFp8, boolean gpuHasFp4) {
        return switch (this) {
            case FP8 -> gpuHasFp8 ? Compute.FP8 : null;
            case FP4 -> gpuHasFp4 ? Compute.FP4 : null;
            case MXFP4 -> gpuHasFp4 ? Compute.FP4 : Compute.SIXTEEN_BIT;
            default -> Compute.SIXTEEN_BIT;
        };
    }

    /** Bytes per KV-cache element with this arithmetic: engines keep it at 8 bits with FP8 or FP4 compute. */
    public static double kvCacheBytesPerElement(Compute compute) {
        return compute == Compute.SIXTEEN_BIT ? 2 : 1;
    }

    /** The key the open-model catalog uses for an explicit weight size, e.g. {@code fp16}. */
    public String catalogKey() {
        return name().toLowerCase(Locale.ROOT);
    }
}
