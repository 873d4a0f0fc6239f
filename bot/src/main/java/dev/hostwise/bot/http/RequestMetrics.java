package dev.hostwise.bot.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request to its last byte as {@code http.server.requests}, tagged with the method, the
 * route template ({@code /v/{token}}, never the token itself), the status and its class, the way
 * Micrometer's own web instrumentations name them, so the usual dashboards and alerts fit.
 */
final class RequestMetrics implements HttpHandler {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final HttpHandler next;
    private final MeterRegistry meters;
    /**
     * Each series' timer, found once: registering through the builder on every request (tags sorted, an ID made and
     * looked up) held a tenth of a JFR profile's samples of acknowledging a Slack command. Bounded like the series.
     */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    /** The tags of one series. */
    private record Series(String method, String uri, int status) {
    }

    RequestMetrics(HttpHandler next, MeterRegistry meters) {
        this.next = next;
        this.meters = meters;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        long started = System.nanoTime();
        ex.addExchangeCompleteListener((done, nextListener) -> {
            try {
                record(done, System.nanoTime() - started);
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(ex);
    }

    private void record(HttpServerExchange ex, long nanos) {
        int status = ex.getStatusCode();
        String method = ex.getRequestMethod().toString();
        // tag values come from a fixed set or from the routes' own templates: a client cannot invent new series
        PathTemplateMatch route = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        Series series = new Series(METHODS.contains(method) ? method : "OTHER",
                route != null ? route.getMatchedTemplate() : status == 404 ? "NOT_FOUND" : "UNKNOWN", status);
        timers.computeIfAbsent(series, this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Series s) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests, timed to their last byte")
                .tag("method", s.method())
                .tag("uri", s.uri())
                .tag("status", String.valueOf(s.status()))
                .tag("outcome", outcome(s.status()))
                .register(meters);
    }

    private static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        if (status >= 300) {
            return "REDIRECTION";
        }
        return status >= 200 ? "SUCCESS" : "INFORMATIONAL";
    }
}
