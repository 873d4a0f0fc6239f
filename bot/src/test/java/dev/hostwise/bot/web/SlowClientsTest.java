package dev.hostwise.bot.web;

import dev.hostwise.bot.http.HostwiseServer;
import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.http.ServerSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.health.CoreChecks;
import dev.hostwise.bot.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that announce a body and then send it byte by byte, and handlers that keep every worker busy,
 * against the real web app over real HTTP: the probes and the API keep answering, and slow bodies are
 * cut off at their deadline. (Before bodies were read on the IO thread, sixteen such clients held all
 * sixteen workers in {@code readAllBytes} and {@code /healthz} stopped answering.)
 */
@Timeout(120) // a guard against hanging, not a performance target
class SlowClientsTest {

    /** Twice the worker threads Undertow starts on two cores. */
    private static final int SLOW_CLIENTS = 32;
    private static final String SCENARIO = "{\"requestsPerDay\": 100000, \"taskType\": \"CLASSIFICATION\", "
            + "\"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"}";

    @TempDir
    Path dataDir;

    private Hostwise hostwise;
    private final List<Socket> slow = new ArrayList<>();
    // answers must come while the slow clients still hold on: far shorter than their deadline in the first test
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    @BeforeEach
    void start() {
        hostwise = Hostwise.start(new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString())), Optional.empty(), Clock.systemUTC());
        hostwise.store().database().watch(Database.WATCH_EVERY);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : slow) {
            s.close();
        }
        hostwise.close();
    }

    private HostwiseServer server(Duration bodyDeadline, List<Routes> extra) {
        List<Routes> routes = new ArrayList<>(WebApp.routes(hostwise, new WebSettings("http://localhost", Optional.empty(), false)));
        routes.addAll(extra);
        return new HostwiseServer("127.0.0.1", 0, routes, hostwise.metrics().registry(),
                ServerSettings.standard().withBodyDeadline(bodyDeadline).withReadiness(CoreChecks.of(hostwise))).start();
    }

    /** Opens a connection that announces a 1,000-byte scenario and sends one byte of it. */
    private Socket slowBody(int port) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(60_000);
        s.getOutputStream().write(("POST /api/v1/verdicts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
        return s;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thirtyTwoSlowBodiesHoldNoWorkerThread() throws Exception {
        try (HostwiseServer server = server(Duration.ofSeconds(90), List.of())) {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slowBody(server.port());
            }
            // the slow clients hold on (their deadline is 90 s) while everything else is answered
            assertThat(get(server.port(), "/healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(server.port(), "/readyz");
            assertThat(ready.body()).contains("\"store\":\"ok\"", "\"policy\":\"ok\"");
            assertThat(ready.statusCode()).isEqualTo(200);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                            + "/api/v1/verdicts")).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(SCENARIO)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.body()).contains("\"recommendation\" : \"HOSTED_API\"");
            for (Socket s : slow) {
                assertThat(s.isClosed()).isFalse();
            }
        }
    }

    @Test
    void aBodyStillArrivingAtItsDeadlineGets408AndTheConnectionIsClosed() throws Exception {
        try (HostwiseServer server = server(Duration.ofSeconds(2), List.of())) {
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                clients.add(slowBody(server.port()));
            }
            for (Socket s : clients) {
                // read until the server closes the connection (the socket's 60 s timeout would fail the test)
                String answer = readToEnd(s.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 408 ").contains("Connection: close")
                        .contains("the request body did not arrive within 2 s");
            }
            // nothing was decided from the half-sent bodies, and the server still answers
            assertThat(get(server.port(), "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void probesAnswerWhileEveryWorkerIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Routes stall = r -> r.get("/stall", ex -> {
            release.await();
            HttpResponses.send(ex, 200, "text/plain", "done");
        });
        try (HostwiseServer server = server(Duration.ofSeconds(10), List.of(stall))) {
            List<CompletableFuture<HttpResponse<String>>> stalled = new ArrayList<>();
            HttpClient many = HttpClient.newHttpClient();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                stalled.add(many.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/stall")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            try {
                assertThat(get(server.port(), "/healthz").statusCode()).isEqualTo(200);
                assertThat(get(server.port(), "/readyz").statusCode()).isEqualTo(200);
                assertThat(stalled).noneMatch(CompletableFuture::isDone);
            } finally {
                release.countDown();
            }
            for (CompletableFuture<HttpResponse<String>> f : stalled) {
                assertThat(f.get().body()).isEqualTo("done");
            }
        }
    }

    private static String readToEnd(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (int n; (n = in.read(buf)) > 0; ) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
