package dev.hostwise.knowledge;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hostwise.knowledge.evidence.LoadTestRun;

/**
 * Every number behind a verdict. Field names are the JSON names and the names renderers show, so
 * a reviewer can find any shown figure in the JSON. Money is US dollars; "per day" means 24 hours.
 *
 * <p>Break-even figures are null when no volume makes self-hosting cheaper. {@code estimate} is null
 * unless the throughput was estimated; the autoscaling figures are null unless the pricing mode is
 * autoscaled, and the reservation figure unless it is reserved; {@code configurationSearch} is null
 * unless the scenario asked for one ({@code gpuType: "auto"}); {@code throughputEvidence} is null unless
 * the throughput is an imported load test ({@code throughputSource} then {@code measured}), and names it.
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
        ConfigurationSearch configurationSearch,
        // --- when the throughput is a load test the team imported ---
        LoadTestRun throughputEvidence) {

    /** The same figures with the configuration search that chose their hardware. */
    public Figures withConfigurationSearch(ConfigurationSearch search) {
        return new Figures(hostedPerRequest, selfHostPerRequest, breakEvenRequestsPerHour, gpuCostPerDay,
                requestsPerDayAtUtilization, selfHostRealCostPerRequest, opsCostPerDay, selfHostAllInPerDay, allInPerRequest,
                breakEvenWithOpsRequestsPerHour, peakRequestsPerSecond, replicasNeeded, hostedPerDay, selfHostPerDay,
                monthlySavings, breakEvenRequestsPerDayWholeReplicas, actualUtilization, requestsPerSecond, throughputSource,
                estimate, pricingMode, minReplicas, replicaHoursPerDay, otherCostPerDay, reservedCommitmentPerYear,
                alwaysOnPerDay, autoscaledPerDay, autoscaleSavingPerDay, search, throughputEvidence);
    }

    /** True when self-hosting all-in costs less per day than the hosted API at this volume. */
    public boolean selfHostCheaper() {
        return selfHostPerDay < hostedPerDay;
    }
}
