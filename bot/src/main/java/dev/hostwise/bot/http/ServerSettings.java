package dev.hostwise.bot.http;

import dev.hostwise.bot.health.Readiness;
import java.time.Duration;

/**
 * How the shared HTTP server protects itself and what it tells probes.
 *
 * @param maxBodyBytes        request bodies over this get 413, whether announced by Content-Length or sent chunked
 * @param bodyDeadline        a request body must have arrived whole this long after its headers; a slower client
 *                            gets 408 and its connection is closed. Bodies are read on the IO thread, so a slow
 *                            client holds a connection and a buffer, never a worker thread
 * @param requestParseTimeout the request line and headers must arrive within this
 * @param idleTimeout         a connection with no bytes moving either way for this long is closed, between requests
 *                            (keep-alive) or during one (a client that stopped reading its answer)
 * @param hsts                send {@code Strict-Transport-Security}: the public address is https
 * @param readiness           the checks behind {@code /readyz}
 */
public record ServerSettings(long maxBodyBytes, Duration bodyDeadline, Duration requestParseTimeout, Duration idleTimeout,
                             boolean hsts, Readiness readiness) {

    /** Slack payloads are a few KB; a scenario JSON is smaller. 256 KB leaves room without inviting abuse. */
    public static final long MAX_BODY_BYTES = 256 * 1024;
    public static final Duration BODY_DEADLINE = Duration.ofSeconds(10);
    public static final Duration REQUEST_PARSE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Longer than the usual load balancer's idle timeout (60 s on AWS ALB and GCP), so the balancer, not
     * Hostwise, closes an idle kept-alive connection and never sends a request down one being closed.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(75);

    /** The production limits, with no HSTS and no readiness checks beyond the server's own. */
    public static ServerSettings standard() {
        return new ServerSettings(MAX_BODY_BYTES, BODY_DEADLINE, REQUEST_PARSE_TIMEOUT, IDLE_TIMEOUT, false, new Readiness());
    }

    /** The production limits for a server whose links start with {@code baseUrl}: HSTS when it is https. */
    public static ServerSettings forBaseUrl(String baseUrl, Readiness readiness) {
        boolean https = baseUrl != null && baseUrl.regionMatches(true, 0, "https://", 0, 8);
        return standard().withHsts(https).withReadiness(readiness);
    }

    public ServerSettings withHsts(boolean on) {
        return new ServerSettings(maxBodyBytes, bodyDeadline, requestParseTimeout, idleTimeout, on, readiness);
    }

    public ServerSettings withReadiness(Readiness checks) {
        return new ServerSettings(maxBodyBytes, bodyDeadline, requestParseTimeout, idleTimeout, hsts, checks);
    }

    public ServerSettings withBodyDeadline(Duration deadline) {
        return new ServerSettings(maxBodyBytes, deadline, requestParseTimeout, idleTimeout, hsts, readiness);
    }
}
