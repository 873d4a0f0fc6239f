package dev.hostwise.bench.load;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for Slack's Web API: answers auth.test and counts the verdicts posted. Built on
 * Undertow rather than the JDK's HttpServer (as the unit tests' stand-in is) because it shares the
 * two cores with the server under test, and the harness should take as little of them as it can.
 */
final class WebApiStandIn implements AutoCloseable {

    private final Undertow server;
    private final AtomicLong posts = new AtomicLong();

    WebApiStandIn() {
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setHandler(this::handle).build();
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort() + "/api/";
    }

    long posts() {
        return posts.get();
    }

    private void handle(HttpServerExchange ex) {
        String method = ex.getRequestPath().substring("/api/".length());
        String body = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"team\":\"Load\",\"user\":\"hostwise\",\"team_id\":\"T0LOAD\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}";
            case "chat.postMessage" -> {
                posts.incrementAndGet();
                yield "{\"ok\":true,\"channel\":\"C0LOAD\",\"ts\":\"1764450000.000100\"}";
            }
            default -> "{\"ok\":true}";
        };
        // the request body is drained by Undertow when the exchange ends
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        ex.getResponseSender().send(body);
    }

    @Override
    public void close() {
        server.stop();
    }
}
