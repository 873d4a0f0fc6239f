package dev.hostwise.bot.slack.http;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.http.Requests;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt for Java on Undertow (Bolt ships adapters for servlets and others, not for Undertow). Reads the
 * body once, checks Slack's signature against those exact bytes, builds the Bolt request (a slash
 * command with {@link SlashCommandForm}, anything else with {@link SlackRequestParser}), runs the app
 * and writes its response. Slash commands, interactivity and events all arrive here.
 */
public final class BoltUndertowHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BoltUndertowHandler.class);
    private static final HttpString TIMESTAMP = HttpString.tryFromString("X-Slack-Request-Timestamp");
    private static final HttpString SIGNATURE = HttpString.tryFromString("X-Slack-Signature");

    private final App app;
    private final SlackRequestParser parser;
    private final SignatureCheck signatures;
    private final BooleanSupplier ready;

    /**
     * @param ready whether Bolt has started (Slack answered auth.test); until then requests get a 503
     *              and Slack shows the user that the app did not respond
     */
    public BoltUndertowHandler(App app, SignatureCheck signatures, BooleanSupplier ready) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.signatures = signatures;
        this.ready = ready;
    }

    /**
     * Runs on a worker thread in blocking mode: Bolt blocks (a listener may call the Web API), and
     * {@link dev.hostwise.bot.http.HostwiseServer}, the one server these routes are registered on, puts
     * every route behind a {@code BlockingHandler}.
     */
    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        // read whole on the IO thread before this worker ran (BodyReader): taken as it is, not read again through a stream
        byte[] body = Requests.bodyBytes(ex);
        if (SslCheck.is(body)) {
            // Slack's certificate probe; Bolt lets it through unsigned too. Nothing is run.
            ex.setStatusCode(200);
            ex.endExchange();
            return;
        }
        SignatureCheck.Result signature = signatures.check(ex.getRequestHeaders().getFirst(TIMESTAMP),
                ex.getRequestHeaders().getFirst(SIGNATURE), body);
        if (signature != SignatureCheck.Result.VALID) {
            LOG.info("refused a request to {} from {}: {}", ex.getRequestPath(), remote(ex), signature.words());
            HttpResponses.error(ex, 401, "this endpoint only answers requests signed by Slack");
            return;
        }
        if (!ready.getAsBoolean()) {
            HttpResponses.error(ex, 503, "Hostwise is still connecting to Slack; try again in a minute");
            return;
        }
        Request<?> request;
        try {
            request = request(ex, headers(ex), new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException malformed) {
            // a signed body that does not parse (a broken %-escape, a payload that is not a JSON object, an event
            // without its event): Slack sends none, so it is refused as bad input, not answered with a 500
            LOG.info("refused a signed request to {} from {} that does not parse: {}", ex.getRequestPath(), remote(ex),
                    malformed.getClass().getSimpleName());
            request = null;
        }
        if (request == null) {
            HttpResponses.error(ex, 400, "this is not a Slack request Hostwise understands");
            return;
        }
        write(ex, app.run(request));
    }

    /**
     * The Bolt request for a body: a slash command read by {@link SlashCommandForm} and finished as Bolt's
     * parser finishes its own (the app's context, the query string, the client's address); anything else
     * (events, interactivity) through Bolt's parser. Null when it is neither.
     */
    private Request<?> request(HttpServerExchange ex, Map<String, List<String>> headers, String body) {
        RequestHeaders requestHeaders = new RequestHeaders(headers);
        Optional<SlashCommandPayload> command = SlashCommandForm.read(body);
        if (command.isEmpty()) {
            return parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(ex.getRequestPath())
                    .queryString(query(ex))
                    .headers(requestHeaders)
                    .requestBody(body)
                    .remoteAddress(remote(ex))
                    .build());
        }
        SlashCommandRequest request = new SlashCommandRequest(body, command.get(), requestHeaders);
        request.updateContext(app.config());
        request.getQueryString().putAll(query(ex));
        String forwardedFor = requestHeaders.getFirstValue("X-FORWARDED-FOR");
        request.setClientIpAddress(forwardedFor == null ? remote(ex) : forwardedFor);
        return request;
    }

    private static void write(HttpServerExchange ex, Response response) {
        ex.setStatusCode(response.getStatusCode() == null ? 200 : response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> ex.getResponseHeaders().putAll(HttpString.tryFromString(name), values));
        }
        if (response.getContentType() != null) {
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, response.getContentType());
        }
        ex.getResponseSender().send(response.getBody() == null ? "" : response.getBody(), StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> headers(HttpServerExchange ex) {
        Map<String, List<String>> out = new HashMap<>();
        for (HeaderValues values : ex.getRequestHeaders()) {
            out.put(values.getHeaderName().toString(), new ArrayList<>(values));
        }
        return out;
    }

    private static Map<String, List<String>> query(HttpServerExchange ex) {
        Map<String, List<String>> out = new HashMap<>();
        ex.getQueryParameters().forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    private static String remote(HttpServerExchange ex) {
        InetSocketAddress source = ex.getSourceAddress();
        return source == null || source.getAddress() == null ? "" : source.getAddress().getHostAddress();
    }

    /** Slack's SSL check: a form body with {@code ssl_check=1} and no command or payload. */
    private static final class SslCheck {
        static boolean is(byte[] body) {
            if (body.length > 1024) {
                return false;
            }
            String form = new String(body, StandardCharsets.US_ASCII);
            if (!form.contains("ssl_check=1")) {
                return false;
            }
            boolean check = false;
            for (String pair : form.split("&")) {
                String name = pair.split("=", 2)[0];
                if (name.equals("command") || name.equals("payload")) {
                    return false;
                }
                check |= pair.equals("ssl_check=1");
            }
            return check;
        }
    }
}
