package dev.hostwise.bot.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as it is wired: the web pages and API always run, each chat surface whose settings are
 * present runs beside them, and with none configured the web form is at {@code /}.
 */
class ServerTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Hostwise hostwise;
    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (hostwise != null) {
            hostwise.close();
        }
    }

    private Env env(Map<String, String> extra) {
        Map<String, String> vars = new HashMap<>(extra);
        vars.put("HOSTWISE_DATA_DIR", dataDir.toString());
        return new Env(vars);
    }

    private Server start(Env env) throws Exception {
        hostwise = Hostwise.start(env, Optional.empty(), Clock.systemUTC());
        server = Server.start(env, hostwise, "127.0.0.1", freePort());
        return server;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withNoChatSurfaceConfiguredTheFormIsAtTheRootBesideThePagesAndApi() throws Exception {
        start(env(Map.of()));

        assertThat(server.chatSurfaces()).isEmpty();
        assertThat(server.web().formAtRoot()).isTrue();
        assertThat(get("/").body()).contains("name=\"requestsPerDay\"");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/verdicts", "application/json", "{\"requestsPerDay\": 100000, \"taskType\": \"CLASSIFICATION\", "
                + "\"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"}").statusCode()).isEqualTo(201);
        assertThat(post("/slack/events", "application/x-www-form-urlencoded", "command=%2Fselfhost").statusCode()).isEqualTo(404);
    }

    @Test
    void slackSettingsStartTheSlackSurfaceAndThePagesAndApiStillRun() throws Exception {
        // a Web API nobody answers: Slack stays unconnected, which is enough to see what is wired
        start(env(Map.of("SLACK_BOT_TOKEN", "xoxb-1-2-test", "SLACK_SIGNING_SECRET", "secret",
                "SLACK_API_URL", "http://127.0.0.1:" + freePort() + "/api/")));

        assertThat(server.chatSurfaces()).extracting(c -> c.platform()).containsExactly(Platform.SLACK);
        assertThat(server.web().formAtRoot()).isFalse();
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(post("/slack/events", "application/x-www-form-urlencoded", "command=%2Fselfhost").statusCode()).isEqualTo(401);
        assertThat(get("/status").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/verdicts", "application/json", "{\"requestsPerDay\": 100000, \"taskType\": \"CLASSIFICATION\", "
                + "\"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void incompleteChatSettingsStopStartUpNamingTheVariable() throws Exception {
        Env env = env(Map.of("SLACK_BOT_TOKEN", "xoxb-1-2-test"));
        hostwise = Hostwise.start(env, Optional.empty(), Clock.systemUTC());
        assertThatThrownBy(() -> Server.start(env, hostwise, "127.0.0.1", freePort()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SLACK_SIGNING_SECRET");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
