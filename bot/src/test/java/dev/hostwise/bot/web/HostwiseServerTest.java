package dev.hostwise.bot.web;

import dev.hostwise.bot.http.Requests;
import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.http.HostwiseServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.LogCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared server, over real HTTP on loopback. */
class HostwiseServerTest {

    private HostwiseServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        Routes boom = r -> r.post("/boom", ex -> {
            throw new IllegalStateException("secret internals");
        });
        Routes echo = r -> r.post("/echo", ex -> HttpResponses.send(ex, 200, "text/plain", Requests.body(ex)));
        server = new HostwiseServer("127.0.0.1", 0, List.of(boom, echo)).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void healthAnswersWithSecurityHeaders() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/healthz")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void unknownPathsAndMethodsGetAClearJsonError() throws Exception {
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/nope")));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no such page: /nope");
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/healthz")).DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    @Test
    void oversizedBodiesGet413() throws Exception {
        // headers only (see OversizedRequest): a client still writing the body races the server's answer
        String r = OversizedRequest.post(server.port(), "/boom", HostwiseServer.MAX_BODY_BYTES + 1);
        assertThat(r).startsWith("HTTP/1.1 413 ");
        assertThat(r).contains("the limit is 262144");
    }

    @Test
    void chunkedBodiesThatGrowPastTheLimitAreCutOffWithoutA500OrAnErrorLog() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            String r;
            try {
                r = OversizedRequest.postChunked(server.port(), "/echo", HostwiseServer.MAX_BODY_BYTES + 64 * 1024);
            } catch (java.net.SocketException reset) {
                r = ""; // Undertow closes the connection once the body passes the limit
            }
            assertThat(r).doesNotContain(" 500 ", "Exception");
            // the server logs after the client has seen the connection close: wait for its line
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (logs.lines().stream().noneMatch(l -> l.contains("the request body grew past 262144 bytes"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(logs.lines()).noneMatch(l -> l.startsWith("ERROR"))
                    .anyMatch(l -> l.contains("the request body grew past 262144 bytes"));
        }
        // and the server goes on answering
        assertThat(send(HttpRequest.newBuilder(uri("/echo")).POST(HttpRequest.BodyPublishers.ofString("ok"))).body()).isEqualTo("ok");
    }

    @Test
    void aFailingHandlerIsA500WithoutInternals() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/boom")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("secret internals", "Exception", "at dev.");
    }
}
