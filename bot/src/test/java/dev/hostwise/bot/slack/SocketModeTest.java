package dev.hostwise.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.slack.SlackApiStandIn.Call;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode on loopback: apps.connections.open on the Web API stand-in hands out the URL of a local
 * websocket server that plays Slack's side, sends envelopes and reads the acknowledgements.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class SocketModeTest {

    private static final String APP_TOKEN = "xapp-1-A0APP-1234-appTokenNeverLogged";

    private Hostwise hostwise;
    private SlackApiStandIn slack;
    private FakeSlackSocket socket;
    private SlackModule module;

    @org.junit.jupiter.api.BeforeAll
    void compileThePolicyOnce() {
        hostwise = Hostwise.start(dev.hostwise.bot.store.StoreFixture.freshH2(), Optional.empty(), Clock.systemUTC());
    }

    @BeforeEach
    void start() throws Exception {
        slack = new SlackApiStandIn();
        socket = new FakeSlackSocket();
        socket.start();
        if (!socket.started.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the websocket stand-in did not start");
        }
        slack.socketModeUrl("ws://127.0.0.1:" + socket.getPort() + "/link");
        SlackSettings settings = new SlackSettings(SlackSettings.Mode.SOCKET, SlackBot.BOT_TOKEN, null, APP_TOKEN, slack.apiUrl());
        module = new SlackModule(settings, hostwise, SlackBot.TUNING);
        assertThat(module.routes()).isEmpty(); // no public URL needed
        module.start();
    }

    @AfterEach
    void stop() throws Exception {
        module.close();
        socket.stop(1000);
        slack.close();
    }

    @Test
    void aSlashCommandOverTheSocketIsAcknowledgedAndItsVerdictPosted() throws Exception {
        WebSocket conn = socket.awaitConnection();
        Call open = slack.await("apps.connections.open");
        assertThat(open.authorization()).isEqualTo("Bearer " + APP_TOKEN);

        conn.send(envelope("env-1", "100000/day task=classification quality=good_enough privacy=in_house"));

        JsonObject ack = socket.awaitMessage();
        assertThat(ack.get("envelope_id").getAsString()).isEqualTo("env-1");
        assertThat(ack.has("payload")).isFalse();
        Call post = slack.await("chat.postMessage");
        assertThat(post.params()).containsEntry("channel", SlackBot.CHANNEL);
        assertThat(post.params().get("blocks")).contains("Stay on the hosted API");
    }

    @Test
    void anEphemeralAnswerTravelsBackInTheAcknowledgement() throws Exception {
        WebSocket conn = socket.awaitConnection();

        conn.send(envelope("env-2", "50000/day colour=blue"));

        JsonObject ack = socket.awaitMessage();
        assertThat(ack.get("envelope_id").getAsString()).isEqualTo("env-2");
        JsonObject payload = ack.getAsJsonObject("payload");
        assertThat(payload.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(payload.get("text").getAsString()).contains("`colour` is not a key I know");
    }

    private static String envelope(String id, String text) {
        JsonObject payload = new JsonObject();
        payload.addProperty("token", "legacyVerificationToken");
        payload.addProperty("team_id", SlackBot.TEAM);
        payload.addProperty("team_domain", "hostwise-test");
        payload.addProperty("channel_id", SlackBot.CHANNEL);
        payload.addProperty("channel_name", "capacity-planning");
        payload.addProperty("user_id", SlackBot.USER);
        payload.addProperty("user_name", "ana");
        payload.addProperty("command", "/selfhost");
        payload.addProperty("text", text);
        payload.addProperty("api_app_id", "A0APP");
        payload.addProperty("response_url", "http://127.0.0.1:1/hooks/none");
        payload.addProperty("trigger_id", "1337.socket." + id);
        JsonObject e = new JsonObject();
        e.addProperty("envelope_id", id);
        e.addProperty("type", "slash_commands");
        e.addProperty("accepts_response_payload", true);
        e.add("payload", payload);
        return e.toString();
    }

    /** Slack's side of the Socket Mode websocket. */
    private static final class FakeSlackSocket extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        private final BlockingQueue<WebSocket> connections = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        FakeSlackSocket() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        WebSocket awaitConnection() throws InterruptedException {
            WebSocket c = connections.poll(20, TimeUnit.SECONDS);
            if (c == null) {
                throw new AssertionError("the bot never connected over Socket Mode");
            }
            return c;
        }

        JsonObject awaitMessage() throws InterruptedException {
            String m = messages.poll(20, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("the bot never acknowledged the envelope");
            }
            return JsonParser.parseString(m).getAsJsonObject();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0APP\"},"
                    + "\"debug_info\":{\"host\":\"loopback\",\"approximate_connection_time\":" + Duration.ofHours(1).toSeconds() + "}}");
            connections.add(conn);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            messages.add(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
