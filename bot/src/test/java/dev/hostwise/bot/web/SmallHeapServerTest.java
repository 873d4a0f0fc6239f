package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The out-of-memory case as an operator would meet it: {@code hostwise serve} in a process of its
 * own with a 256 MB heap, and sixteen 253 KB bodies of unknown keys at once. Each used to get an 11.8 MB
 * answer, and together they ran the heap out (OutOfMemoryError, 500s). Now each gets a small 400, and the
 * server is still well afterwards.
 */
class SmallHeapServerTest {

    @TempDir
    Path dir;

    @Test
    void sixteenHugeUnknownKeyBodiesAtOnceUnderA256MegabyteHeapAllGet400() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("serve.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Dorg.jboss.logging.provider=slf4j", "-cp", System.getProperty("java.class.path"),
                "dev.hostwise.bot.cli.HostwiseCli", "serve", "--host", "127.0.0.1", "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HOSTWISE_") || k.startsWith("SLACK_") || k.equals("PORT"));
        pb.environment().put("HOSTWISE_DATA_DIR", dir.resolve("data").toString());
        Process server = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitUp(http, base, server, log);

            String body = HostileApiInputTest.unknownKeys();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/api/v1/verdicts")).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                HttpResponse<String> r = a.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
                assertThat(r.body().length()).isLessThan(16_000);
            }
            assertThat(http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
            assertThat(server.isAlive()).isTrue();
            assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        } finally {
            server.destroy();
            if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static void awaitUp(HttpClient http, URI base, Process server, Path log) throws Exception {
        // start-up compiles the policy; on a loaded 2-core machine that takes a while
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("serve exited " + server.exitValue() + ":\n" + tail(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/healthz")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("serve did not come up in 120 s:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
