package dev.hostwise.bot.web;

import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.metrics.Meters;
import io.undertow.server.RoutingHandler;

/**
 * {@code GET /metrics}: every meter in Prometheus' text format, for a scraper. Counts and timings
 * only (verdicts by source and recommendation, saves, Slack calls, reloads, the JVM): no inputs,
 * no IDs, no tokens.
 */
public final class MetricsRoutes implements Routes {

    private final Meters meters;

    public MetricsRoutes(Meters meters) {
        this.meters = meters;
    }

    @Override
    public void register(RoutingHandler routing) {
        routing.get("/metrics", ex -> HttpResponses.send(ex, 200, Meters.CONTENT_TYPE, meters.scrape()));
    }
}
