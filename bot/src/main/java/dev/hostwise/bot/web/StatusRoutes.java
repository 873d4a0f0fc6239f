package dev.hostwise.bot.web;

import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.knowledge.CatalogFigure;
import dev.hostwise.rules.CompiledPolicy;
import dev.hostwise.rules.PolicyReloader;
import dev.hostwise.rules.ReloadOutcome;
import io.undertow.server.RoutingHandler;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /status}: which rules revision is active and since when, the last successful and the
 * last failed reload (with their errors), the oldest catalog figure still in use, and every rule with
 * its file and reason.
 */
public final class StatusRoutes implements Routes {

    private final Hostwise hostwise;
    private final PolicyReloader reloader;

    public StatusRoutes(Hostwise hostwise, PolicyReloader reloader) {
        this.hostwise = hostwise;
        this.reloader = reloader;
    }

    @Override
    public void register(RoutingHandler routing) {
        routing.get("/status", ex -> HttpResponses.json(ex, 200, status()));
    }

    Map<String, Object> status() {
        CompiledPolicy active = hostwise.decider().activePolicy();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", Hostwise.version());
        body.put("rulesRevision", active.revision());
        body.put("rulesSource", active.source().origin());
        body.put("activatedAt", reloader.activatedAt());
        body.put("catalogDate", hostwise.catalog().date());
        // "in use": what the catalog puts into decisions (see CatalogFiguresUsed.inUse)
        body.put("oldestFigureInUse", hostwise.decider().active().catalog().figures()
                .oldestInUse(LocalDate.ofInstant(hostwise.clock().instant(), ZoneOffset.UTC)).map(StatusRoutes::figure).orElse(null));
        body.put("lastSuccessfulReload", reloader.lastSuccess().map(StatusRoutes::attempt).orElse(null));
        body.put("lastFailedReload", reloader.lastFailure().map(StatusRoutes::attempt).orElse(null));
        body.put("keptRevisions", reloader.keptRevisions());
        body.put("rules", active.rules());
        return body;
    }

    private static Map<String, Object> figure(CatalogFigure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", f.what());
        m.put("value", f.value());
        m.put("asOf", f.asOf().text());
        m.put("ageInDays", f.ageInDays());
        m.put("stale", f.stale());
        m.put("staleAfterDays", f.staleAfterDays());
        m.put("source", f.source());
        return m;
    }

    private static Map<String, Object> attempt(ReloadOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", o.at());
        m.put("trigger", o.trigger());
        m.put("revision", o.candidate());
        m.put("summary", o.summary());
        m.put("errors", o.problems().stream().map(Object::toString).toList());
        m.put("failedCases", o.failedCases().stream().map(c -> Map.of(
                "case", c.policyCase().name(),
                "where", c.policyCase().file() + ":" + c.policyCase().line(),
                "expected", c.expected(),
                "actual", c.actual())).toList());
        return m;
    }
}
