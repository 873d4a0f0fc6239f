package dev.hostwise.bot.web;

import dev.hostwise.bot.http.HostwiseServer;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;

/**
 * A running Hostwise web server on loopback, as {@code hostwise serve} wires it: the real store,
 * the real routes, the shared server with its headers and limits. {@link #restart()} stops
 * everything and starts again on the same database.
 */
final class WebFixture implements AutoCloseable {

    private final Env env;
    /** Whether the form is at / (no chat surface configured). */
    private final boolean localMode;
    private Hostwise hostwise;
    private HostwiseServer server;
    private WebSettings settings;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    WebFixture(Env env, boolean localMode) {
        this.env = env;
        this.localMode = localMode;
        start();
    }

    private void start() {
        hostwise = Hostwise.start(env, Optional.empty(), Clock.systemUTC());
        // links carry the port, so it is chosen before the server starts
        int port = freePort();
        settings = new WebSettings(env.baseUrl(port), env.adminToken(), localMode);
        server = new HostwiseServer("127.0.0.1", port, WebApp.routes(hostwise, settings), hostwise.metrics().registry()).start();
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void restart() {
        close();
        start();
    }

    Hostwise hostwise() {
        return hostwise;
    }

    WebSettings settings() {
        return settings;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) throws Exception {
        return post(path, "application/json", json);
    }

    int port() {
        return server.port();
    }

    /** The path part of a link the server handed out (links carry HOSTWISE_BASE_URL). */
    static String pathOf(String link) {
        return URI.create(link).getRawPath();
    }

    @Override
    public void close() {
        server.close();
        hostwise.close();
    }
}
