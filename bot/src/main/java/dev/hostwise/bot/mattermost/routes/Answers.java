package dev.hostwise.bot.mattermost.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.http.Requests;
import dev.hostwise.bot.mattermost.api.MattermostApi;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** How the routes read Mattermost's requests and answer them, the same way in each. */
final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    /** A JSON answer with 200: a command response, a dialog's errors, an action's ephemeral text. */
    static void json(HttpServerExchange ex, Object body) {
        HttpResponses.send(ex, 200, "application/json; charset=utf-8", MattermostApi.json(body));
    }

    /** Nothing more to say: Mattermost shows nothing, or closes the dialog. */
    static void empty(HttpServerExchange ex) {
        json(ex, Map.of());
    }

    static void refused(HttpServerExchange ex, String message) {
        HttpResponses.error(ex, 401, message);
    }

    static void notReady(HttpServerExchange ex) {
        HttpResponses.error(ex, 503, "Hostwise is still connecting to Mattermost; try again in a minute");
    }

    /** The request's JSON body; empty when it is not a JSON object. */
    static Optional<JsonNode> body(HttpServerExchange ex) throws IOException {
        try {
            JsonNode node = JSON.readTree(Requests.body(ex));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A field of a request's JSON as text; null when it is missing or empty. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    /** Who sent a request, for a log line about a refusal (never its headers or body). */
    static String remote(HttpServerExchange ex) {
        InetSocketAddress a = ex.getSourceAddress();
        return a == null ? "an unknown address" : a.getHostString();
    }
}
