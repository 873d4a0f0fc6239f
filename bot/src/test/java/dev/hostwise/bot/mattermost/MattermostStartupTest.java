package dev.hostwise.bot.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.LogCapture;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.serve.Server;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with Mattermost's variables: the surface starts beside the pages and API, its routes are on
 * the shared server, and {@code /readyz} names {@code mattermost} until Mattermost has accepted the bot token.
 */
class MattermostStartupTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private MattermostApiStandIn mattermost;
    private Hostwise hostwise;
    private Server server;

    @BeforeEach
    void standIn() throws Exception {
        mattermost = new MattermostApiStandIn(MattermostBot.BOT_TOKEN);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (hostwise != null) {
            hostwise.close();
        }
        mattermost.close();
    }

    private Env env(Map<String, String> extra) {
        Map<String, String> vars = new HashMap<>(extra);
        vars.put("HOSTWISE_DATA_DIR", dataDir.toString());
        return new Env(vars);
    }

    private Map<String, String> mattermostVars(String botToken) {
        return Map.of("MATTERMOST_URL", mattermost.url() + "/", "MATTERMOST_BOT_TOKEN", botToken,
                "MATTERMOST_COMMAND_TOKEN", " " + MattermostBot.COMMAND_TOKEN + " , " + MattermostBot.OTHER_TEAM_TOKEN,
                "HOSTWISE_BASE_URL", "https://hostwise.example.com/");
    }

    private void start(Env env) throws Exception {
        hostwise = Hostwise.start(env, Optional.empty(), Clock.systemUTC());
        server = Server.start(env, hostwise, "127.0.0.1", freePort());
    }

    @Test
    void mattermostSettingsStartTheSurfaceAndItIsReadyOnceTheBotTokenIsAccepted() throws Exception {
        start(env(mattermostVars(MattermostBot.BOT_TOKEN)));

        assertThat(server.chatSurfaces()).extracting(c -> c.platform()).containsExactly(Platform.MATTERMOST);
        assertThat(server.web().formAtRoot()).isFalse();
        awaitReady();
        JsonNode ready = MattermostBot.json(get("/readyz").body());
        assertThat(ready.path("checks").path("mattermost").asText()).isEqualTo("ok");
        assertThat(mattermost.await("GET /api/v4/users/me").authorization()).isEqualTo("Bearer " + MattermostBot.BOT_TOKEN);
        // both teams' command tokens are taken, trimmed; a command without one is refused
        assertThat(command(MattermostBot.OTHER_TEAM_TOKEN, "help").statusCode()).isEqualTo(200);
        assertThat(command("", "help").statusCode()).isEqualTo(401);
        // the dialog's and the buttons' callbacks start with HOSTWISE_BASE_URL
        command(MattermostBot.COMMAND_TOKEN, "");
        assertThat(mattermost.await("POST /api/v4/actions/dialogs/open").json().path("url").asText())
                .isEqualTo("https://hostwise.example.com/mattermost/dialog");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusedBotTokenLeavesReadyzNamingMattermostAndTheCommand503WithoutLoggingTheToken() throws Exception {
        String wrong = "mm-wrong-bot-token-never-logged-77c1";
        try (LogCapture log = LogCapture.start()) {
            start(env(mattermostVars(wrong)));
            mattermost.await("GET /api/v4/users/me");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (log.lines().stream().noneMatch(l -> l.contains("Mattermost refused MATTERMOST_BOT_TOKEN")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            HttpResponse<String> readyz = get("/readyz");
            assertThat(readyz.statusCode()).isEqualTo(503);
            assertThat(MattermostBot.json(readyz.body()).path("checks").path("mattermost").asText())
                    .contains("Mattermost has not accepted");
            assertThat(command(MattermostBot.COMMAND_TOKEN, "help").statusCode()).isEqualTo(503);
            assertThat(get("/healthz").statusCode()).isEqualTo(200);
            assertThat(log.lines()).anyMatch(l -> l.contains("Mattermost refused MATTERMOST_BOT_TOKEN (HTTP 401)"))
                    .noneMatch(l -> l.contains(wrong) || l.contains(MattermostBot.COMMAND_TOKEN));
        }
    }

    @Test
    void incompleteMattermostSettingsStopStartUpNamingTheVariable() throws Exception {
        for (Map.Entry<String, String> missing : Map.of("MATTERMOST_BOT_TOKEN", "bot account", "MATTERMOST_COMMAND_TOKEN", "slash command",
                "MATTERMOST_URL", "server's address").entrySet()) {
            Map<String, String> vars = new HashMap<>(mattermostVars(MattermostBot.BOT_TOKEN));
            vars.remove(missing.getKey());
            Env env = env(vars);
            Hostwise hw = Hostwise.start(env, Optional.empty(), Clock.systemUTC());
            try {
                assertThatThrownBy(() -> Server.start(env, hw, "127.0.0.1", freePort()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(missing.getKey()).hasMessageContaining(missing.getValue());
            } finally {
                hw.close();
            }
        }
        Map<String, String> vars = new HashMap<>(mattermostVars(MattermostBot.BOT_TOKEN));
        vars.put("MATTERMOST_URL", "chat.example.com");
        assertThatThrownBy(() -> MattermostSettings.fromEnv(env(vars), "http://localhost:3000"))
                .hasMessageContaining("MATTERMOST_URL 'chat.example.com' is not an http(s) URL");
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (get("/readyz").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never ready: " + get("/readyz").body());
            }
            Thread.sleep(20);
        }
    }

    private HttpResponse<String> command(String token, String text) throws Exception {
        String body = MattermostBot.encode(Map.of("token", token, "team_id", MattermostBot.TEAM, "channel_id", MattermostBot.CHANNEL,
                "user_id", MattermostBot.USER, "user_name", "ana", "command", "/selfhost", "text", text,
                "trigger_id", mattermost.newTrigger(), "response_url", mattermost.newResponseUrl()));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mattermost/command"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
