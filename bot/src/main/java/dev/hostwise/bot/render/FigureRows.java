package dev.hostwise.bot.render;

import static dev.hostwise.rules.facts.Format.count;
import static dev.hostwise.rules.facts.Format.num;
import static dev.hostwise.rules.facts.Format.percent;
import static dev.hostwise.rules.facts.Format.usd;
import static dev.hostwise.rules.facts.Format.usdPerRequest;

import dev.hostwise.knowledge.Estimate;
import dev.hostwise.knowledge.Figures;
import dev.hostwise.knowledge.evidence.LoadTestRun;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a verdict, in reading order, formatted once for every renderer (CLI, Slack, page,
 * ADR). Renderers never recompute a figure; they only read these rows.
 */
public final class FigureRows {

    private FigureRows() {
    }

    public static List<FigureRow> of(Figures f) {
        List<FigureRow> rows = new ArrayList<>(List.of(
                new FigureRow("hostedPerRequest", "Hosted API per request", usdPerRequest(f.hostedPerRequest()),
                        "tokens per request ÷ 1,000 × hosted price per 1k tokens (or input and output priced separately)"),
                new FigureRow("selfHostPerRequest", "Self-host per request, GPU flat out", usdPerRequest(f.selfHostPerRequest()),
                        "GPU $/h × GPUs per replica ÷ (3,600 × requests per second)"),
                new FigureRow("breakEvenRequestsPerHour", "Naive break-even", count(f.breakEvenRequestsPerHour()) + " req/h",
                        "GPU $/h × GPUs per replica ÷ hostedPerRequest"),
                new FigureRow("gpuCostPerDay", "GPU cost per replica per day", usd(f.gpuCostPerDay()),
                        "GPU $/h × GPUs per replica × 24"),
                new FigureRow("requestsPerDayAtUtilization", "Requests a replica serves per day", count(f.requestsPerDayAtUtilization()),
                        "requests per second × utilisation × 86,400"),
                new FigureRow("selfHostRealCostPerRequest", "Self-host per request at real utilisation", usdPerRequest(f.selfHostRealCostPerRequest()),
                        "gpuCostPerDay ÷ requestsPerDayAtUtilization"),
                new FigureRow("opsCostPerDay", "On-call and operations per day", usd(f.opsCostPerDay()),
                        "ops cost per month ÷ 30"),
                new FigureRow("otherCostPerDay", "Other costs per day (egress, storage, load balancers)", usd(f.otherCostPerDay()),
                        "other cost per month ÷ 30"),
                new FigureRow("selfHostAllInPerDay", "One replica plus ops per day", usd(f.selfHostAllInPerDay()),
                        "gpuCostPerDay + opsCostPerDay + otherCostPerDay"),
                new FigureRow("allInPerRequest", "Self-host per request, all-in", usdPerRequest(f.allInPerRequest()),
                        "selfHostAllInPerDay ÷ requestsPerDayAtUtilization"),
                new FigureRow("breakEvenWithOpsRequestsPerHour", "Break-even with ops",
                        f.breakEvenWithOpsRequestsPerHour() == null ? "never" : count(f.breakEvenWithOpsRequestsPerHour()) + " req/h",
                        "((opsCostPerDay + otherCostPerDay) ÷ 24) ÷ (hostedPerRequest − selfHostRealCostPerRequest)"),
                new FigureRow("peakRequestsPerSecond", "Peak requests per second", num(f.peakRequestsPerSecond()),
                        "requests per day × peak-to-average ÷ 86,400"),
                new FigureRow("replicasNeeded", "Replicas needed", String.valueOf(f.replicasNeeded()),
                        "max(minReplicas, ⌈requests per day ÷ requestsPerDayAtUtilization⌉, ⌈peakRequestsPerSecond ÷ requests per second⌉)"),
                new FigureRow("minReplicas", "Replica floor", String.valueOf(f.minReplicas()),
                        "as entered; 2 is the recommended floor for a service someone is on call for"),
                new FigureRow("actualUtilization", "Replica utilisation at your volume", percent(f.actualUtilization()),
                        "requests per day ÷ (replicasNeeded × requests per second × 86,400)"),
                new FigureRow("hostedPerDay", "Hosted API per day", usd(f.hostedPerDay()),
                        "requests per day × hostedPerRequest"),
                new FigureRow("selfHostPerDay", "Self-host per day, all-in", usd(f.selfHostPerDay()),
                        "replica-hours per day × GPU $/h × GPUs per replica + opsCostPerDay + otherCostPerDay"),
                new FigureRow("monthlySavings", "Monthly saving from self-hosting", usd(f.monthlySavings()),
                        "(hostedPerDay − selfHostPerDay) × 30; negative means self-hosting costs more"),
                new FigureRow("breakEvenRequestsPerDayWholeReplicas", "Break-even in whole replicas",
                        f.breakEvenRequestsPerDayWholeReplicas() == null ? "never" : count(f.breakEvenRequestsPerDayWholeReplicas()) + " req/day",
                        "smallest daily volume where hostedPerDay ≥ selfHostPerDay, GPUs bought in whole replicas"),
                new FigureRow("requestsPerSecond", "Throughput per replica",
                        num(f.requestsPerSecond()) + " req/s (" + f.throughputSource().json() + ")",
                        "typed by the user (measured when load-tested), or estimated from the model and GPU")));
        rows.add(new FigureRow("pricingMode", "Pricing mode", f.pricingMode().label(), "as entered"));
        if (f.reservedCommitmentPerYear() != null) {
            rows.add(new FigureRow("reservedCommitmentPerYear", "Reserved commitment per year", usd(f.reservedCommitmentPerYear()),
                    "replicasNeeded × gpuCostPerDay × 365, owed whether used or not"));
        }
        if (f.autoscaledPerDay() != null) {
            rows.add(new FigureRow("alwaysOnPerDay", "Always-on per day (sized for the busiest hour)", usd(f.alwaysOnPerDay()),
                    "busiest-hour replicas × gpuCostPerDay + opsCostPerDay + otherCostPerDay"));
            rows.add(new FigureRow("autoscaledPerDay", "Autoscaled per day", usd(f.autoscaledPerDay()),
                    "Σ over 24 hours of max(minReplicas, ⌈hour's requests per second ÷ requests per second⌉) × GPU $/h × GPUs per replica + fixed costs"));
            rows.add(new FigureRow("autoscaleSavingPerDay", "Autoscaling saves per day", usd(f.autoscaleSavingPerDay()),
                    "alwaysOnPerDay − autoscaledPerDay"));
        }
        LoadTestRun run = f.throughputEvidence();
        if (run != null) {
            rows.add(new FigureRow("throughputEvidence", "Load test the throughput comes from",
                    run.shortId() + ", " + run.measuredOn(),
                    run.model() + " on " + run.configuration() + ", " + run.workload() + "; " + run.file()
                            + " imported with hostwise measure import (evidence " + run.evidenceId() + ")"));
        }
        Estimate e = f.estimate();
        if (e != null) {
            rows.add(new FigureRow("estimate.gpusPerReplica", "Estimate: GPUs per replica", String.valueOf(e.gpusPerReplica()),
                    "fewest GPUs (1, 2, 4, 8) whose memory holds the weights and one request's KV cache"));
            rows.add(new FigureRow("estimate.batch", "Estimate: requests in flight per replica", String.valueOf(e.batch()),
                    "largest batch whose request time meets maxSecondsPerRequest, capped by KV-cache memory"));
            rows.add(new FigureRow("estimate.decodeTokensPerSecondPerSequence", "Estimate: tokens/s per request",
                    num(e.decodeTokensPerSecondPerSequence()), "1 ÷ decode step time, step = max(memory bound, compute bound)"));
            rows.add(new FigureRow("estimate.aggregateDecodeTokensPerSecond", "Estimate: output tokens/s per replica",
                    num(e.aggregateDecodeTokensPerSecond()), "batch × tokens/s per request"));
            rows.add(new FigureRow("estimate.timeToFirstTokenSeconds", "Estimate: time to first token",
                    num(e.timeToFirstTokenSeconds()) + " s", "2 × parameters × prompt tokens ÷ (FLOPS × MFU)"));
            rows.add(new FigureRow("estimate.mbu", "Estimate: memory-bandwidth utilisation used",
                    percent(e.mbu()) + " nominal, " + percent(e.effectiveMbu()) + " effective",
                    "nominal MBU × tensor-parallel efficiency × precision efficiency"));
            rows.add(new FigureRow("estimate.mfu", "Estimate: FLOPS utilisation used",
                    percent(e.mfu()) + " nominal, " + percent(e.effectiveMfu()) + " effective",
                    "nominal MFU × tensor-parallel efficiency"));
        }
        return List.copyOf(rows);
    }
}
