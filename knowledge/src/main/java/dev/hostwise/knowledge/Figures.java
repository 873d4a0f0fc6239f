package dev.hostwise.knowledge;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every number behind a verdict. Field names are the JSON names and the names renderers show, so
 * a reviewer can find any shown figure in the JSON. Money is US dollars; "per day" means 24 hours.
 *
 * <p>Break-even figures are null when no volume makes self-hosting cheaper. {@code estimate} is null
 * unless the throughput was estimated; the autoscaling figures are null unless the pricing mode is
 * autoscaled, and the reservation figure unless it is reserved; {@code configurationSearch} is null
 * unless the scenario asked for one ({@code gpuType: "auto"}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Figures(
        // --- the article's arithmetic ---
        double hostedPerRequest,
        double selfHostPerRequest,
        double breakEvenRequestsPerHour,
        double gpuCostPerDay,
        double requestsPerDayAtUtilization,
        double selfHostRealCostPerRequest,
        double opsCostPerDay,
        double selfHostAllInPerDay,
        double allInPerRequest,
        Double breakEvenWithOpsRequestsPerHour,
        // --- at the user's own volume, in whole replicas ---
        double peakRequestsPerSecond,
        int replicasNeeded,
        double hostedPerDay,
        double selfHostPerDay,
        double monthlySavings,
        Double breakEvenRequestsPerDayWholeReplicas,
        double actualUtilization,
        // --- where the throughput came from ---
        double requestsPerSecond,
        ThroughputSource throughputSource,
        Estimate estimate,
        // --- sizing and pricing choices ---
        PricingMode pricingMode,
        int minReplicas,
        double replicaHoursPerDay,
        double otherCostPerDay,
        Double reservedCommitmentPerYear,
        Double alwaysOnPerDay,
        Double autoscaledPerDay,
        Double autoscaleSavingPerDay,
        // --- when the scenario asked Hostwise to choose the hardware (gpuType "auto") ---
        ConfigurationSearch configurationSearch) {

    /** The same figures with the configuration search that chose their hardware. */
    public Figures withConfigurationSearch(ConfigurationSearch search) {
        return new Figures(hostedPerRequest, selfHostPerRequest, breakEvenRequestsPerHour, gpuCostPerDay,
                requestsPerDayAtUtilization, selfHostRealCostPerRequest, opsCostPerDay, selfHostAllInPerDay, allInPerRequest,
                breakEvenWithOpsRequestsPerHour, peakRequestsPerSecond, replicasNeeded, hostedPerDay, selfHostPerDay,
                monthlySavings, breakEvenRequestsPerDayWholeReplicas, actualUtilization, requestsPerSecond, throughputSource,
                estimate, pricingMode, minReplicas, replicaHoursPerDay, otherCostPerDay, reservedCommitmentPerYear,
                alwaysOnPerDay, autoscaledPerDay, autoscaleSavingPerDay, search);
    }

    /** True when self-hosting all-in costs less per day than the hosted API at this volume. */
    public boolean selfHostCheaper() {
        return selfHostPerDay < hostedPerDay;
    }
}
