package dev.hostwise.knowledge;

import dev.hostwise.knowledge.catalog.AsOf;

/**
 * A figure a verdict took from the catalog, with its source and date, whether the catalog marks it
 * as unverified, and whether it is older than the staleness limit on the decision's date.
 *
 * @param what           what the figure is, in words, e.g. "NVIDIA L4 24GB on-demand price"
 * @param value          the figure as shown, e.g. "$0.80 per GPU-hour at Modal"
 * @param asOf           when the figure was seen or took effect
 * @param ageInDays      whole days from the figure's latest possible date to the decision's date
 * @param stale          true when the figure is a price or a measurement and older than the limit
 * @param staleAfterDays the limit it was checked against ({@code HOSTWISE_STALE_AFTER_DAYS})
 */
public record CatalogFigure(Kind kind, String what, String value, String source, AsOf asOf, boolean verify,
                            long ageInDays, boolean stale, int staleAfterDays) {

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
        /** GPU memory, bandwidth and FLOPS, used by the throughput estimate. Specs do not go stale. */
        GPU_SPECS,
        /** The hosted model's input and output prices. */
        HOSTED_PRICE,
        /**
         * A throughput measurement the verdict rests on: a published row the estimate's calibration was
         * fitted to, or the team's own load test ({@code hostwise measure import}).
         */
        THROUGHPUT_ROW;

        /** Prices and measurements age; a GPU's specs do not. */
        public boolean ages() {
            return this != GPU_SPECS;
        }
    }
}
