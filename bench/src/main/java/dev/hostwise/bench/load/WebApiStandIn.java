package dev.hostwise.bench.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** A loopback stand-in for Slack's Web API: answers auth.test and counts the verdicts posted. */
final class WebApiStandIn implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicLong posts = new AtomicLong();

    WebApiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    long posts() {
        return posts.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        String method = ex.getRequestURI().getPath().substring("/api/".length());
        String body = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"team\":\"Load\",\"user\":\"hostwise\",\"team_id\":\"T0LOAD\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}";
            case "chat.postMessage" -> {
                posts.incrementAndGet();
                yield "{\"ok\":true,\"channel\":\"C0LOAD\",\"ts\":\"1764450000.000100\"}";
            }
            default -> "{\"ok\":true}";
        };
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
