package dev.hostwise.bot.http;

import dev.hostwise.bot.health.Readiness;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.PathTemplateMatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /healthz} (liveness) and {@code GET /readyz} (readiness), answered on the IO thread before
 * anything else: no worker is needed, so both answer while every worker is busy (or stuck), and the
 * liveness probe never restarts a healthy pod because its workers are slow. Both are cheap: the
 * readiness checks read state that other threads keep up to date.
 *
 * <ul>
 *   <li>{@code /healthz}: 200 as long as the process serves HTTP. It says nothing about the store or Slack,
 *       so an outage elsewhere never gets the pod restarted.</li>
 *   <li>{@code /readyz}: 200 when every registered check is met; otherwise 503 naming each unmet check and why.</li>
 * </ul>
 */
public final class Probes implements HttpHandler {

    public static final String HEALTH = "/healthz";
    public static final String READY = "/readyz";

    private final HttpHandler next;
    private final Readiness readiness;

    Probes(HttpHandler next, Readiness readiness) {
        this.next = next;
        this.readiness = readiness;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String path = ex.getRequestPath();
        if (!path.equals(HEALTH) && !path.equals(READY)) {
            next.handleRequest(ex);
            return;
        }
        // the route template, for the request metrics
        ex.putAttachment(PathTemplateMatch.ATTACHMENT_KEY, new PathTemplateMatch(path, Map.of()));
        if (!ex.getRequestMethod().equals(Methods.GET) && !ex.getRequestMethod().equals(Methods.HEAD)) {
            ex.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            HttpResponses.error(ex, 405, ex.getRequestMethod() + " is not allowed on " + path);
            return;
        }
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        if (path.equals(HEALTH)) {
            HttpResponses.json(ex, 200, Map.of("status", "ok"));
            return;
        }
        List<Readiness.Result> results = readiness.results();
        boolean ready = results.stream().allMatch(Readiness.Result::met);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not ready");
        Map<String, String> checks = new LinkedHashMap<>();
        results.forEach(r -> checks.put(r.name(), r.unmet().orElse("ok")));
        body.put("checks", checks);
        HttpResponses.json(ex, ready ? 200 : 503, body);
    }
}
