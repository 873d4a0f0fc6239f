package dev.hostwise.knowledge;

/**
 * A figure a verdict took from the catalog, with its source and date, and whether the catalog marks
 * it as unverified.
 *
 * @param what  what the figure is, in words, e.g. "NVIDIA L4 24GB on-demand price"
 * @param value the figure as shown, e.g. "$0.80 per GPU-hour at Modal"
 * @param asOf  when the figure was seen or took effect
 */
public record CatalogFigure(Kind kind, String what, String value, String source, String asOf, boolean verify) {

    /** Which catalog figure it is. */
    public enum Kind {
        /** The hourly GPU price, on-demand. */
        GPU_PRICE,
        /** The hourly GPU price on a reservation. */
        RESERVED_GPU_PRICE,
        /**
         * The on-demand hourly GPU price standing in for a reservation: the catalog has no reserved
         * price for the GPU, and the scenario's rate is its on-demand price (the reader's fallback).
         */
        ON_DEMAND_PRICE_FOR_RESERVATION,
        /** GPU memory, bandwidth and FLOPS, used by the throughput estimate. */
        GPU_SPECS,
        /** The hosted model's input and output prices. */
        HOSTED_PRICE
    }
}
