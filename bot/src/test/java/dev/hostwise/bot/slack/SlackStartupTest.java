package dev.hostwise.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.LogCapture;
import dev.hostwise.bot.slack.SlackApiStandIn.Reply;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Start-up: the configuration, and what happens when Slack cannot be reached. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackStartupTest {

    private Hostwise hostwise;

    @BeforeAll
    void compileThePolicyOnce() {
        hostwise = Hostwise.start(dev.hostwise.bot.store.StoreFixture.freshH2(), Optional.empty(), Clock.systemUTC());
    }

    @Test
    void withNoSlackVariablesThereIsNoSlackApp() {
        assertThat(SlackModule.fromEnv(new Env(Map.of("PORT", "3000")), hostwise, "http://localhost:3000")).isEmpty();
    }

    @Test
    void incompleteSlackSettingsNameTheVariableToFixWithoutEchoingSecrets() {
        assertThatThrownBy(() -> SlackSettings.fromEnv(new Env(Map.of("SLACK_BOT_TOKEN", "xoxb-secret-1"))))
                .hasMessageStartingWith("SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not")
                .hasMessageNotContaining("xoxb-secret-1");
        assertThatThrownBy(() -> SlackSettings.fromEnv(new Env(Map.of("SLACK_SIGNING_SECRET", "s3cret"))))
                .hasMessageStartingWith("SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> SlackSettings.fromEnv(new Env(Map.of("SLACK_APP_TOKEN", "xapp-1-abc"))))
                .hasMessageContaining("SLACK_APP_TOKEN is set (Socket Mode) but SLACK_BOT_TOKEN is not");
        assertThatThrownBy(() -> SlackSettings.fromEnv(new Env(Map.of("SLACK_APP_TOKEN", "xoxb-wrong-kind", "SLACK_BOT_TOKEN", "xoxb-1"))))
                .hasMessageStartingWith("SLACK_APP_TOKEN is not an app-level token").hasMessageNotContaining("xoxb-wrong-kind");
        assertThatThrownBy(() -> SlackSettings.fromEnv(new Env(Map.of("SLACK_BOT_TOKEN", "the-signing-secret", "SLACK_SIGNING_SECRET", "x"))))
                .hasMessageStartingWith("SLACK_BOT_TOKEN is not a bot token").hasMessageNotContaining("the-signing-secret");
        assertThatThrownBy(() -> SlackSettings.fromEnv(new Env(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "x",
                "SLACK_API_URL", "slack.example"))))
                .hasMessageContaining("SLACK_API_URL 'slack.example' is not an http(s) URL");
    }

    @Test
    void settingsPickTheModeAndTheWebApiBase() {
        SlackSettings http = SlackSettings.fromEnv(new Env(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s"))).orElseThrow();
        assertThat(http.mode()).isEqualTo(SlackSettings.Mode.HTTP);
        assertThat(http.apiUrl()).isEqualTo("https://slack.com/api/");
        SlackSettings socket = SlackSettings.fromEnv(new Env(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1-a",
                "SLACK_API_URL", "https://slack-gov.com/api"))).orElseThrow();
        assertThat(socket.mode()).isEqualTo(SlackSettings.Mode.SOCKET);
        assertThat(socket.apiUrl()).isEqualTo("https://slack-gov.com/api/");
        assertThat(socket.toString()).doesNotContain("xoxb-1", "xapp-1-a");
    }

    @Test
    void whenSlackIsUnreachableTheServerKeepsServingAndSaysSoInOneLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (LogCapture logs = LogCapture.start();
             SlackBot bot = SlackBot.start(hostwise, new UnreachableSlack(closedPort), false)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (logs.lines().stream().noneMatch(l -> l.contains("not reachable")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> warnings = logs.lines().stream().filter(l -> l.startsWith("WARN")).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("Slack is not reachable at http://127.0.0.1:" + closedPort + "/api/",
                    "/healthz and the web pages keep working", "trying again").doesNotContain("\n");
            assertThat(bot.module.ready()).isFalse();

            HttpResponse<String> health = bot.get("/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> slack = bot.command("100000/day task=classification quality=good_enough privacy=in_house");
            assertThat(slack.statusCode()).isEqualTo(503);
            assertThat(slack.body()).contains("still connecting to Slack");
        }
    }

    @Test
    void itKeepsTryingAndServesSlackOnceSlackAnswers() throws Exception {
        SlackApiStandIn slack = new SlackApiStandIn();
        slack.script("auth.test", Reply.status(503), Reply.status(503), Reply.status(503));
        try (LogCapture logs = LogCapture.start(); SlackBot bot = SlackBot.start(hostwise, slack, false)) {
            bot.awaitReady();

            assertThat(slack.calls("auth.test").size()).isGreaterThanOrEqualTo(4);
            assertThat(logs.lines().stream().filter(l -> l.startsWith("WARN"))).hasSize(1)
                    .allMatch(l -> l.contains("Slack answered auth.test with HTTP 503"));
            assertThat(logs.lines()).anyMatch(l -> l.contains("connected to Slack workspace Hostwise Test (T0TEST) as @hostwise"));
            HttpResponse<String> ack = bot.command("help");
            assertThat(ack.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRefusedBotTokenIsReportedAsSuch() throws Exception {
        SlackApiStandIn slack = new SlackApiStandIn();
        slack.always("auth.test", Reply.error("invalid_auth"));
        try (LogCapture logs = LogCapture.start(); SlackBot bot = SlackBot.start(hostwise, slack, false)) {
            slack.await("auth.test", 2);
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("WARN") && l.contains("Slack refused SLACK_BOT_TOKEN (invalid_auth)"));
            assertThat(bot.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    /** A stand-in whose Web API URL points at a port nobody listens on. */
    private static final class UnreachableSlack extends SlackApiStandIn {
        private final int port;

        UnreachableSlack(int port) throws java.io.IOException {
            this.port = port;
        }

        @Override
        String apiUrl() {
            return "http://127.0.0.1:" + port + "/api/";
        }
    }
}
