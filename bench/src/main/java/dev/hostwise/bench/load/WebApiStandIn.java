package dev.hostwise.bench.load;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for Slack's Web API: answers auth.test and the chart uploads and counts the verdicts posted. Built on
 * Undertow rather than the JDK's HttpServer (as the unit tests' stand-in is) because it shares the
 * two cores with the server under test, and the harness should take as little of them as it can.
 */
final class WebApiStandIn implements AutoCloseable {

    private final Undertow server;
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong uploads = new AtomicLong();

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

    /** Chart files whose upload was started (files.getUploadURLExternal). */
    long uploads() {
        return uploads.get();
    }

    private void handle(HttpServerExchange ex) {
        if (ex.getRequestPath().startsWith("/upload/")) {
            // the chart file itself, which files.uploadV2 sends to the URL it was given
            ex.getResponseSender().send("OK");
            return;
        }
        String method = ex.getRequestPath().substring("/api/".length());
        String body = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"team\":\"Load\",\"user\":\"hostwise\",\"team_id\":\"T0LOAD\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}";
            case "chat.postMessage" -> {
                posts.incrementAndGet();
                yield "{\"ok\":true,\"channel\":\"C0LOAD\",\"ts\":\"1764450000.000100\"}";
            }
            case "files.getUploadURLExternal" -> {
                String id = "F0LOAD" + uploads.incrementAndGet();
                yield "{\"ok\":true,\"upload_url\":\"" + apiUrl().replace("/api/", "/upload/") + id + "\",\"file_id\":\"" + id + "\"}";
            }
            case "files.completeUploadExternal" -> "{\"ok\":true,\"files\":[{\"id\":\"F0LOAD\"}]}";
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
