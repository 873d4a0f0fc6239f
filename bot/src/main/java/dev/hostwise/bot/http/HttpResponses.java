package dev.hostwise.bot.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for writing responses, so every handler sets status and content type the same way. */
public final class HttpResponses {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private HttpResponses() {
    }

    public static void json(HttpServerExchange ex, int status, Object body) {
        try {
            send(ex, status, "application/json; charset=utf-8", JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON error body: {"errors": [{"field": ..., "message": ...}]}. */
    public static void errors(HttpServerExchange ex, int status, List<Map<String, String>> errors) {
        json(ex, status, Map.of("errors", errors));
    }

    public static void error(HttpServerExchange ex, int status, String message) {
        errors(ex, status, List.of(problem("request", message)));
    }

    /** One entry of an error body, field first: {"field": ..., "message": ...}. */
    public static Map<String, String> problem(String field, String message) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("field", field);
        m.put("message", message);
        return m;
    }

    public static void send(HttpServerExchange ex, int status, String contentType, String body) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        ex.getResponseSender().send(body, StandardCharsets.UTF_8);
    }
}
