package dev.hostwise.bot.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server: Slack events, the verdict pages and API, status and health all share it.
 * Handlers run on worker threads (blocking is allowed); every response gets the security headers;
 * request bodies are capped.
 */
public final class HostwiseServer implements AutoCloseable {

    /** Slack payloads are a few KB; a scenario JSON is smaller. 256 KB leaves room without inviting abuse. */
    public static final long MAX_BODY_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HostwiseServer.class);

    private final Undertow undertow;

    public HostwiseServer(String host, int port, List<Routes> routes) {
        this(host, port, routes, null);
    }

    /** @param meters where every request is timed ({@code http.server.requests}); null for none */
    public HostwiseServer(String host, int port, List<Routes> routes, MeterRegistry meters) {
        RoutingHandler routing = Handlers.routing();
        routing.get("/healthz", ex -> HttpResponses.json(ex, 200, Map.of("status", "ok")));
        routes.forEach(r -> r.register(routing));
        routing.setFallbackHandler(ex -> HttpResponses.error(ex, 404, "no such page: " + ex.getRequestPath()));
        routing.setInvalidMethodHandler(ex -> HttpResponses.error(ex, 405,
                ex.getRequestMethod() + " is not allowed on " + ex.getRequestPath()));

        HttpHandler handler = new SecurityHeaders(new BodyLimit(new BlockingHandler(new ErrorBoundary(routing)), MAX_BODY_BYTES));
        if (meters != null) {
            handler = new RequestMetrics(handler, meters);
        }
        this.undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_BODY_BYTES)
                .setHandler(handler)
                .build();
    }

    public HostwiseServer start() {
        undertow.start();
        LOG.info("listening on http://{}:{}/", address().getHostString(), port());
        return this;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    }

    public int port() {
        return address().getPort();
    }

    @Override
    public void close() {
        undertow.stop();
    }

    /** No handler failure reaches the user as a stack trace: it is logged and answered with a plain 500. */
    private record ErrorBoundary(HttpHandler next) implements HttpHandler {
        @Override
        public void handleRequest(io.undertow.server.HttpServerExchange ex) {
            try {
                next.handleRequest(ex);
            } catch (RequestTooBigException e) {
                // a chunked body has no Content-Length for BodyLimit to refuse by: Undertow cuts the connection
                // once it grows past the limit, so no answer can be sent. The client's doing, not a failure here.
                LOG.info("{} {}: the request body grew past {} bytes; the connection was closed",
                        ex.getRequestMethod(), ex.getRequestPath(), MAX_BODY_BYTES);
            } catch (Exception e) {
                LOG.error("{} {} failed", ex.getRequestMethod(), ex.getRequestPath(), e);
                if (!ex.isResponseStarted()) {
                    HttpResponses.error(ex, 500, "something went wrong on our side; it has been logged");
                }
            }
        }
    }
}
