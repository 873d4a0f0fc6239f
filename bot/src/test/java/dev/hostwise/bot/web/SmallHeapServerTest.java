package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        try (ServeProcess server = ServeProcess.start(dir.resolve("data"), dir.resolve("serve.log"), "-Xmx256m")) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI base = server.base();

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
            assertThat(server.process().isAlive()).isTrue();
            assertThat(server.log()).doesNotContain("OutOfMemoryError");
        }
    }
}
