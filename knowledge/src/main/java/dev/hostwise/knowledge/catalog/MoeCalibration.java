package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What mixture-of-experts layers cost beyond their arithmetic and the bytes of the experts they read.
 *
 * @param efficiency                        share of the class's MBU and MFU MoE models reach: routing,
 *                                          token permutation and grouped matrix products of a few
 *                                          tokens per expert run below dense efficiency
 * @param efficiencyRows                    ids of the measured rows the efficiency was fitted to
 * @param dispatchSecondsPerLayerPerExtraGpu the least time a decode step spends in each MoE layer for
 *                                          each GPU beyond the first, however small the batch:
 *                                          dispatching tokens to experts spread over GPUs and
 *                                          gathering them back is latency-bound at low concurrency
 * @param dispatchRows                      ids of the measured rows the dispatch time was fitted to
 */
public record MoeCalibration(
        @JsonProperty(required = true) double efficiency,
        @JsonProperty(required = true) List<String> efficiencyRows,
        @JsonProperty(required = true) double dispatchSecondsPerLayerPerExtraGpu,
        @JsonProperty(required = true) List<String> dispatchRows,
        @JsonProperty(required = true) String source) {

    public MoeCalibration {
        CatalogChecks.fraction("moe.efficiency", efficiency);
        CatalogChecks.nonNegative("moe.dispatchSecondsPerLayerPerExtraGpu", dispatchSecondsPerLayerPerExtraGpu);
        CatalogChecks.source(source);
        efficiencyRows = List.copyOf(efficiencyRows);
        dispatchRows = List.copyOf(dispatchRows);
        if (efficiencyRows.isEmpty() || (dispatchSecondsPerLayerPerExtraGpu > 0 && dispatchRows.isEmpty())) {
            throw new IllegalArgumentException("moe needs the measured rows its efficiency and dispatch time were fitted to");
        }
    }
}
