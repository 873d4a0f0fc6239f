package dev.hostwise.bot.web;

import dev.hostwise.bot.http.Requests;
import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.http.Routes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.VerdictJson;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.bot.store.VerdictSummary;
import dev.hostwise.knowledge.FieldError;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API.
 * <ul>
 * <li>{@code POST /api/v1/verdicts}: a scenario JSON in; 201 with the verdict JSON plus {@code link}.
 * When the store is down: 200 with the verdict, {@code "saved": false} and {@code saveProblem}.
 * Bad input: 400 with {@code {"errors": [{"field", "message"}]}}, one entry per bad field.</li>
 * <li>{@code GET /api/v1/verdicts?limit=N}: the newest verdicts (admins only, bearer token).</li>
 * <li>{@code GET /api/v1/verdicts/{id}}: one verdict by its citable ID (admins only).</li>
 * </ul>
 */
public final class VerdictApiRoutes implements Routes {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 500;

    private static final Logger LOG = LoggerFactory.getLogger(VerdictApiRoutes.class);

    private final Hostwise hostwise;
    private final WebSettings settings;
    private final VerdictJson json = new VerdictJson();

    public VerdictApiRoutes(Hostwise hostwise, WebSettings settings) {
        this.hostwise = hostwise;
        this.settings = settings;
    }

    @Override
    public void register(RoutingHandler routing) {
        routing.post("/api/v1/verdicts", this::create);
        routing.get("/api/v1/verdicts", this::list);
        routing.get("/api/v1/verdicts/{id}", this::one);
    }

    private void create(HttpServerExchange ex) throws Exception {
        RecordedVerdict r;
        try {
            Scenario scenario = hostwise.reader().fromJson(Requests.body(ex));
            // deciding can refuse too, once the throughput is estimated (a fleet past the bound): the same 400, nothing stored
            r = hostwise.decideFor(scenario, Requester.api());
        } catch (InvalidScenarioException e) {
            HttpResponses.errors(ex, 400, e.errors().stream().map(VerdictApiRoutes::error).toList());
            return;
        }
        ObjectNode body = json.mapper().valueToTree(r.verdict());
        if (r.linkToken().isPresent()) {
            String link = settings.link(r.linkToken().get());
            body.put("link", link);
            ex.getResponseHeaders().put(Headers.LOCATION, link);
            sendJson(ex, 201, body);
        } else {
            LOG.warn("POST /api/v1/verdicts: verdict {} not saved: {}", r.verdict().id(), r.saveProblem().orElse(""));
            body.put("saved", false);
            body.put("saveProblem", VerdictView.PUBLIC_SAVE_PROBLEM);
            sendJson(ex, 200, body);
        }
    }

    private void list(HttpServerExchange ex) throws Exception {
        if (!admin(ex)) {
            return;
        }
        String raw = Requests.queryParam(ex, "limit");
        int limit;
        try {
            limit = raw == null ? DEFAULT_LIMIT : Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            HttpResponses.errors(ex, 400, List.of(HttpResponses.problem("limit",
                    "'" + raw + "' is not allowed: a whole number from 1 to " + MAX_LIMIT + ", e.g. 50")));
            return;
        }
        List<VerdictSummary> recent;
        try {
            recent = hostwise.store().recent(limit);
        } catch (StoreUnavailableException e) {
            storeDown(ex, e);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", limit);
        body.put("verdicts", recent.stream().map(this::summary).toList());
        HttpResponses.json(ex, 200, body);
    }

    private void one(HttpServerExchange ex) throws Exception {
        if (!admin(ex)) {
            return;
        }
        Optional<StoredVerdict> found;
        try {
            found = hostwise.store().byId(Requests.pathParam(ex, "id"));
        } catch (StoreUnavailableException e) {
            storeDown(ex, e);
            return;
        }
        if (found.isEmpty()) {
            HttpResponses.errors(ex, 404, List.of(HttpResponses.problem("id",
                    "no verdict has this ID; IDs look like HW-2026-0042")));
            return;
        }
        ObjectNode body = json.mapper().valueToTree(found.get().verdict());
        body.put("link", settings.link(found.get().linkToken()));
        sendJson(ex, 200, body);
    }

    private Map<String, Object> summary(VerdictSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("link", settings.link(s.linkToken()));
        m.put("createdAt", s.createdAt().toString());
        m.put("recommendation", s.recommendation().name());
        m.put("rulesRevision", s.rulesRevision());
        m.put("catalogDate", s.catalogDate().toString());
        m.put("appVersion", s.appVersion());
        // the listing's names predate the neutral columns; they are kept as the API published them
        m.put("source", s.requester().platform().id());
        m.put("team", s.requester().workspace());
        m.put("channel", s.requester().conversation());
        m.put("user", s.requester().user());
        m.put("supersedes", s.supersedes().orElse(null));
        return m;
    }

    /** True for a request carrying the admin token; otherwise answers 401 or 403 and returns false. */
    private boolean admin(HttpServerExchange ex) {
        if (settings.adminToken().isEmpty()) {
            HttpResponses.errors(ex, 403, List.of(HttpResponses.problem("Authorization",
                    "listing verdicts is switched off on this server; set HOSTWISE_ADMIN_TOKEN to switch it on")));
            return false;
        }
        String header = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        // constant-time comparison: the token must not leak through response timing
        boolean ok = MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                settings.adminToken().get().getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"hostwise\"");
            HttpResponses.errors(ex, 401, List.of(HttpResponses.problem("Authorization",
                    header == null ? "send the admin token: Authorization: Bearer <HOSTWISE_ADMIN_TOKEN>"
                            : "the bearer token is not the admin token")));
        }
        return ok;
    }

    private static void storeDown(HttpServerExchange ex, StoreUnavailableException e) {
        LOG.warn("{} {}: {}", ex.getRequestMethod(), ex.getRequestPath(), e.getMessage());
        ex.getResponseHeaders().put(Headers.RETRY_AFTER, "30");
        HttpResponses.errors(ex, 503, List.of(HttpResponses.problem("store",
                "the verdict store cannot be reached right now; try again in a minute")));
    }

    private static Map<String, String> error(FieldError e) {
        return HttpResponses.problem(e.field(), e.message());
    }

    private void sendJson(HttpServerExchange ex, int status, ObjectNode body) throws JsonProcessingException {
        HttpResponses.send(ex, status, "application/json; charset=utf-8",
                json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n");
    }
}
