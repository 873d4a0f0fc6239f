package dev.hostwise.bot.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server: Slack events, the verdict pages and API, status and the probes all share it.
 *
 * <p>What runs where: the probes ({@code /healthz}, {@code /readyz}) are answered on the IO thread, and
 * request bodies are read there too, without blocking and within a deadline ({@link BodyReader}); only
 * then does a request go to a worker thread, where handlers may block. So slow clients and busy workers
 * never stop the probes, and a slow client never holds a worker. Every response gets the security headers;
 * request bodies are capped; every connection has parse and idle timeouts ({@link ServerSettings}).
 */
public final class HostwiseServer implements AutoCloseable {

    /** Slack payloads are a few KB; a scenario JSON is smaller. 256 KB leaves room without inviting abuse. */
    public static final long MAX_BODY_BYTES = ServerSettings.MAX_BODY_BYTES;

    private static final Logger LOG = LoggerFactory.getLogger(HostwiseServer.class);

    private final Undertow undertow;

    public HostwiseServer(String host, int port, List<Routes> routes) {
        this(host, port, routes, null);
    }

    /** @param meters where every request is timed ({@code http.server.requests}); null for none */
    public HostwiseServer(String host, int port, List<Routes> routes, MeterRegistry meters) {
        this(host, port, routes, meters, ServerSettings.standard());
    }

    /**
     * @param meters   where every request is timed ({@code http.server.requests}); null for none
     * @param settings limits, timeouts, HSTS and the readiness checks
     */
    public HostwiseServer(String host, int port, List<Routes> routes, MeterRegistry meters, ServerSettings settings) {
        RoutingHandler routing = new GetAlsoHead();
        routes.forEach(r -> r.register(routing));
        routing.setFallbackHandler(ex -> HttpResponses.error(ex, 404, "no such page: " + ex.getRequestPath()));
        routing.setInvalidMethodHandler(ex -> HttpResponses.error(ex, 405,
                ex.getRequestMethod() + " is not allowed on " + ex.getRequestPath()));

        HttpHandler onWorker = new BlockingHandler(new ErrorBoundary(routing));
        HttpHandler onIoThread = new Probes(new BodyLimit(new BodyReader(onWorker, settings.maxBodyBytes(), settings.bodyDeadline()),
                settings.maxBodyBytes()), settings.readiness());
        HttpHandler handler = new ErrorBoundary(new SecurityHeaders(onIoThread, settings.hsts()));
        if (meters != null) {
            handler = new RequestMetrics(handler, meters);
        }
        this.undertow = Undertow.builder()
                .addHttpListener(port, host)
                // BodyReader answers 413 for a chunked body past the limit after reading and dropping the rest, so the
                // client sees the answer; past four times the limit Undertow stops reading and the connection is closed
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 4 * settings.maxBodyBytes())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) settings.requestParseTimeout().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) settings.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, (int) settings.idleTimeout().toMillis())
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

    /**
     * No handler failure reaches the user as a stack trace: it is logged (by route, never with a link token
     * or the request's headers) and answered with a plain 500.
     */
    private record ErrorBoundary(HttpHandler next) implements HttpHandler {
        @Override
        public void handleRequest(io.undertow.server.HttpServerExchange ex) {
            try {
                next.handleRequest(ex);
            } catch (RequestTooBigException e) {
                // a handler read past the limit itself; BodyReader normally answers 413 before any handler reads
                LOG.info("{}: the request body grew past the limit; the connection was closed", LoggedPath.of(ex));
                ex.setPersistent(false);
                if (!ex.isResponseStarted()) {
                    HttpResponses.error(ex, 413, "the request body is over the limit");
                }
            } catch (Exception e) {
                LOG.error("{} failed", LoggedPath.of(ex), e);
                if (!ex.isResponseStarted()) {
                    HttpResponses.error(ex, 500, "something went wrong on our side; it has been logged");
                }
            }
        }
    }
}
