package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server stopped the way Kubernetes stops it (SIGTERM) closes its store itself, compacting it first, and
 * says nothing alarming: H2's own shutdown hook used to close the database under that compaction, and every
 * stop logged "Database is already closed" and "Writing ... failed" with their stack traces.
 */
class ServerStopTest {

    private static final Pattern LINK = Pattern.compile("\"link\"\\s*:\\s*\"[^\"]*(/v/[^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void aServerStoppedWithSigtermLogsNoErrorAndItsVerdictsAreThereAfterARestart() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String page;
        try (ServeProcess server = ServeProcess.start(dir.resolve("data"), dir.resolve("first.log"))) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(server.base().resolve("/api/v1/verdicts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"requestsPerDay\": 100000, \"taskType\": \"CLASSIFICATION\", "
                            + "\"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Matcher link = LINK.matcher(created.body());
            assertThat(link.find()).as(created.body()).isTrue();
            page = link.group(1);

            server.stop();

            String log = server.log();
            assertThat(log).doesNotContain("WARN").doesNotContain("ERROR").doesNotContain("Exception");
        }
        try (ServeProcess again = ServeProcess.start(dir.resolve("data"), dir.resolve("second.log"))) {
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(again.base().resolve(page + ".json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
            assertThat(json.body()).contains("\"recommendation\"");
        }
    }
}
