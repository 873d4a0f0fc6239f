package dev.hostwise.bot.web;

import dev.hostwise.bot.http.ServerSettings;
import dev.hostwise.bot.http.Requests;
import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.http.HostwiseServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.LogCapture;
import dev.hostwise.bot.health.Readiness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
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
        Routes page = r -> r.get("/page", ex -> HttpResponses.send(ex, 200, "text/html; charset=utf-8", "<p>a page</p>"));
        server = new HostwiseServer("127.0.0.1", 0, List.of(boom, echo, page)).start();
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
    void chunkedBodiesOverTheLimitGet413AndTheConnectionStaysUsable() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            // a body without Content-Length, 64 KB past the limit: read and dropped, then refused with an answer
            String r = OversizedRequest.postChunked(server.port(), "/echo", HostwiseServer.MAX_BODY_BYTES + 64 * 1024);
            assertThat(r).startsWith("HTTP/1.1 413 ").contains("the limit is 262144").doesNotContain("Exception");
            assertThat(logs.lines()).noneMatch(l -> l.startsWith("ERROR"));
        }
        // and the server goes on answering
        assertThat(send(HttpRequest.newBuilder(uri("/echo")).POST(HttpRequest.BodyPublishers.ofString("ok"))).body()).isEqualTo("ok");
    }

    @Test
    void aRefusedBodyOnAVerdictLinkIsLoggedWithoutTheLinkToken() throws Exception {
        String token = "fX-V7zW14hNo6gJDESDxq_rX";
        try (LogCapture logs = LogCapture.start()) {
            String r = OversizedRequest.postChunked(server.port(), "/v/" + token + "/reevaluate", HostwiseServer.MAX_BODY_BYTES + 8192);
            assertThat(r).startsWith("HTTP/1.1 413 ");
            assertThat(logs.lines()).anyMatch(l -> l.contains("POST /v/{token}/reevaluate: a chunked request body"))
                    .noneMatch(l -> l.contains(token));
        }
    }

    @Test
    void aChunkedBodyWithinTheLimitReachesTheHandlerWhole() throws Exception {
        String r = OversizedRequest.postChunked(server.port(), "/echo", 100_000);
        assertThat(r).startsWith("HTTP/1.1 200 ");
        // 13 chunks of 8 KB of spaces, all of them delivered
        assertThat(r.substring(r.indexOf("\r\n\r\n") + 4)).hasSize(13 * 8192).isBlank();
    }

    @Test
    void aClientThatExpects100ContinueGetsItBeforeSendingTheBody() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            out.write(("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            // nothing of the body is sent until the server says so
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(in.readLine()).isEmpty();
            out.write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void headIsAnsweredOnEveryGetRouteWithTheGetHeadersAndNoBody() throws Exception {
        for (String path : List.of("/healthz", "/readyz", "/page")) {
            HttpResponse<String> get = send(HttpRequest.newBuilder(uri(path)));
            HttpResponse<String> head = send(HttpRequest.newBuilder(uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode()).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).as(path).isEqualTo(get.headers().firstValue("Content-Type"));
            assertThat(head.headers().firstValue("Content-Length")).as(path).contains(String.valueOf(get.body().length()));
            assertThat(head.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
        }
        // a POST-only route does not answer HEAD
        assertThat(send(HttpRequest.newBuilder(uri("/echo")).method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(405);
    }

    @Test
    void hstsOnlyWhenThePublicAddressIsHttps() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/healthz"))).headers().firstValue("Strict-Transport-Security")).isEmpty();
        try (HostwiseServer https = new HostwiseServer("127.0.0.1", 0, List.of(), null,
                ServerSettings.forBaseUrl("https://hostwise.example.com", new Readiness())).start()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + https.port() + "/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        }
        try (HostwiseServer plain = new HostwiseServer("127.0.0.1", 0, List.of(), null,
                ServerSettings.forBaseUrl("http://localhost:3000", new Readiness())).start()) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }

    @Test
    void readinessNamesEachUnmetCheckAndWhyUntilAllAreMet() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean storeUp = new java.util.concurrent.atomic.AtomicBoolean(false);
        Readiness checks = new Readiness()
                .register("store", () -> storeUp.get() ? Optional.empty() : Optional.of("the verdict store is unavailable: Connection refused"))
                .register("policy", Optional::empty)
                .register("slack", () -> Optional.of("Slack has not accepted the bot token yet"));
        try (HostwiseServer s = new HostwiseServer("127.0.0.1", 0, List.of(), null, ServerSettings.standard().withReadiness(checks)).start()) {
            URI ready = URI.create("http://127.0.0.1:" + s.port() + "/readyz");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("{\"status\":\"not ready\",\"checks\":{\"store\":\"the verdict store is unavailable: "
                    + "Connection refused\",\"policy\":\"ok\",\"slack\":\"Slack has not accepted the bot token yet\"}}");
            // liveness says nothing about any of that
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            storeUp.set(true);
            checks.register("later", Optional::empty);
            r = http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("\"store\":\"ok\"").contains("\"slack\":\"Slack has not accepted");
        }
        Readiness allMet = new Readiness().register("store", Optional::empty).register("policy", Optional::empty);
        try (HostwiseServer s = new HostwiseServer("127.0.0.1", 0, List.of(), null, ServerSettings.standard().withReadiness(allMet)).start()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"ready\",\"checks\":{\"store\":\"ok\",\"policy\":\"ok\"}}");
        }
    }

    @Test
    void aFailureOnAVerdictLinkIsLoggedWithoutTheLinkToken() throws Exception {
        Routes link = r -> r.get("/v/{token}", ex -> {
            throw new IllegalStateException("boom");
        });
        try (LogCapture logs = LogCapture.start();
             HostwiseServer s = new HostwiseServer("127.0.0.1", 0, List.of(link)).start()) {
            String token = "fX-V7zW14hNo6gJDESDxq_rX";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/v/" + token))
                    .header("Authorization", "Bearer admin-secret").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("GET /v/{token} failed"))
                    .noneMatch(l -> l.contains(token) || l.contains("admin-secret"));
        }
    }

    @Test
    void aFailingHandlerIsA500WithoutInternals() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/boom")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("secret internals", "Exception", "at dev.");
    }
}
