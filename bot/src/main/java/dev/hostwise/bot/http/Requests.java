package dev.hostwise.bot.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading requests the same way in every handler. */
public final class Requests {

    private Requests() {
    }

    /**
     * A parameter of the route's path template. Read from the match, not from the query parameters,
     * where Undertow also copies it: a query string could otherwise put a value in first.
     */
    public static String pathParam(HttpServerExchange ex, String name) {
        PathTemplateMatch match = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        return match == null ? null : match.getParameters().get(name);
    }

    public static String queryParam(HttpServerExchange ex, String name) {
        var values = ex.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /**
     * The request body as UTF-8 text. The server has read it whole before the handler runs ({@link BodyReader}),
     * within its limit and deadline, so this never waits on the client.
     */
    public static String body(HttpServerExchange ex) throws IOException {
        byte[] read = ex.getAttachment(BodyReader.BODY);
        return new String(read != null ? read : ex.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The request body as bytes, read whole by the server before the handler runs ({@link BodyReader}). */
    public static byte[] bodyBytes(HttpServerExchange ex) throws IOException {
        byte[] read = ex.getAttachment(BodyReader.BODY);
        return read != null ? read : ex.getInputStream().readAllBytes();
    }

    /** An application/x-www-form-urlencoded body; the last value wins for a repeated name. */
    public static Map<String, String> form(HttpServerExchange ex) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        String body = body(ex);
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a broken %-escape: keep the text as typed rather than lose the field
                out.put(name, value);
            }
        }
        return out;
    }
}
