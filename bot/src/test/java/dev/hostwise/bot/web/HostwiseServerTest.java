package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

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
        server = new HostwiseServer("127.0.0.1", 0, List.of(boom)).start();
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
    void aFailingHandlerIsA500WithoutInternals() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/boom")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("secret internals", "Exception", "at dev.");
    }
}
