package dev.hostwise.bot.slack.socket;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.response.AckResponse;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode: the bot opens a websocket to Slack (apps.connections.open with the xapp- token) and
 * Slack sends the same slash commands, interactivity and events over it, so a team without a public
 * URL can run Hostwise. Each envelope runs through the same Bolt app as HTTP and is acknowledged with
 * its envelope ID, carrying the response payload (ephemeral text, modal errors) when there is one.
 */
public final class SocketModeLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketModeLink.class);
    private static final Gson GSON = GsonFactory.createSnakeCase();

    private final App app;
    private final String appToken;
    private final SocketModeRequestParser parser;
    private volatile SocketModeClient client;

    public SocketModeLink(App app, String appToken) {
        this.app = app;
        this.appToken = appToken;
        this.parser = new SocketModeRequestParser(app.config());
    }

    /**
     * Asks Slack for a websocket URL and connects; reconnects on its own afterwards.
     *
     * @throws IOException           when Slack cannot be reached
     * @throws IllegalStateException when Slack refuses the app token
     */
    public void connect() throws IOException {
        SocketModeClient c = app.slack().socketMode(appToken, SocketModeClient.Backend.JavaWebSocket);
        c.addWebSocketMessageListener(message -> dispatch(c, message));
        c.setAutoReconnectEnabled(true);
        c.connect();
        this.client = c;
    }

    private void dispatch(SocketModeClient c, String message) {
        SocketModeRequest req = parser.parse(message);
        if (req == null) {
            return; // hello, disconnect warnings and the like: the client handles those
        }
        try {
            Response response = app.run(req.getBoltRequest());
            if (response.getStatusCode() == null || response.getStatusCode() != 200) {
                // no acknowledgement: Slack retries, as it would after an HTTP error
                LOG.warn("a Socket Mode {} was not acknowledged: status {}", req.getEnvelope().getType(), response.getStatusCode());
                return;
            }
            acknowledge(c, req, response);
        } catch (Exception e) {
            LOG.error("a Socket Mode {} failed", req.getEnvelope().getType(), e);
        }
    }

    private static void acknowledge(SocketModeClient c, SocketModeRequest req, Response response) {
        String envelope = req.getEnvelope().getEnvelopeId();
        String body = response.getBody();
        if (body == null || body.isEmpty()) {
            c.sendSocketModeResponse(new AckResponse(envelope));
            return;
        }
        JsonObject ack = new JsonObject();
        ack.addProperty("envelope_id", envelope);
        if (response.getContentType() != null && response.getContentType().startsWith("application/json")) {
            ack.add("payload", GSON.fromJson(body, JsonElement.class));
        } else {
            JsonObject payload = new JsonObject();
            payload.addProperty("text", body);
            ack.add("payload", payload);
        }
        c.sendSocketModeResponse(GSON.toJson(ack));
    }

    @Override
    public void close() {
        SocketModeClient c = client;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing the Socket Mode connection: {}", e.getMessage());
            }
        }
    }
}
