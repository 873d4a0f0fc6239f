package dev.hostwise.bot.render;

import static dev.hostwise.rules.facts.Format.count;
import static dev.hostwise.rules.facts.Format.num;
import static dev.hostwise.rules.facts.Format.percent;
import static dev.hostwise.rules.facts.Format.usd;
import static dev.hostwise.rules.facts.Format.usdPerRequest;

import dev.hostwise.knowledge.Figures;
import java.util.List;

/**
 * The figures of a verdict, in reading order, formatted once for every renderer (CLI, Slack, page,
 * ADR). Renderers never recompute a figure; they only read these rows.
 */
public final class FigureRows {

    private FigureRows() {
    }

    public static List<FigureRow> of(Figures f) {
        return List.of(
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
                new FigureRow("selfHostAllInPerDay", "One replica plus ops per day", usd(f.selfHostAllInPerDay()),
                        "gpuCostPerDay + opsCostPerDay"),
                new FigureRow("allInPerRequest", "Self-host per request, all-in", usdPerRequest(f.allInPerRequest()),
                        "selfHostAllInPerDay ÷ requestsPerDayAtUtilization"),
                new FigureRow("breakEvenWithOpsRequestsPerHour", "Break-even with ops",
                        f.breakEvenWithOpsRequestsPerHour() == null ? "never" : count(f.breakEvenWithOpsRequestsPerHour()) + " req/h",
                        "(opsCostPerDay ÷ 24) ÷ (hostedPerRequest − selfHostRealCostPerRequest)"),
                new FigureRow("peakRequestsPerSecond", "Peak requests per second", num(f.peakRequestsPerSecond()),
                        "requests per day × peak-to-average ÷ 86,400"),
                new FigureRow("replicasNeeded", "Replicas needed", String.valueOf(f.replicasNeeded()),
                        "max(1, ⌈requests per day ÷ requestsPerDayAtUtilization⌉, ⌈peakRequestsPerSecond ÷ requests per second⌉)"),
                new FigureRow("actualUtilization", "Replica utilisation at your volume", percent(f.actualUtilization()),
                        "requests per day ÷ (replicasNeeded × requests per second × 86,400)"),
                new FigureRow("hostedPerDay", "Hosted API per day", usd(f.hostedPerDay()),
                        "requests per day × hostedPerRequest"),
                new FigureRow("selfHostPerDay", "Self-host per day, all-in", usd(f.selfHostPerDay()),
                        "replicasNeeded × gpuCostPerDay + opsCostPerDay"),
                new FigureRow("monthlySavings", "Monthly saving from self-hosting", usd(f.monthlySavings()),
                        "(hostedPerDay − selfHostPerDay) × 30; negative means self-hosting costs more"),
                new FigureRow("breakEvenRequestsPerDayWholeReplicas", "Break-even in whole replicas",
                        f.breakEvenRequestsPerDayWholeReplicas() == null ? "never" : count(f.breakEvenRequestsPerDayWholeReplicas()) + " req/day",
                        "smallest daily volume where hostedPerDay ≥ selfHostPerDay, GPUs bought in whole replicas"),
                new FigureRow("requestsPerSecond", "Throughput per replica",
                        num(f.requestsPerSecond()) + " req/s (" + f.throughputSource().json() + ")",
                        "typed by the user, load-tested when marked measured"));
    }
}
