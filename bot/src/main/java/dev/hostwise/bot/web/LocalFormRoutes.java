package dev.hostwise.bot.web;

import dev.hostwise.bot.http.Requests;
import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioField;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web form, when no chat surface is configured: the scenario form at {@code GET /}, and
 * {@code POST /}, which validates like every other front end. Bad input shows the form again with
 * the user's values and a message under each bad field (400); a verdict is stored and the browser
 * is sent to its page (303 to {@code /v/{token}}).
 */
public final class LocalFormRoutes implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFormRoutes.class);

    private final Hostwise hostwise;
    private final Pages pages = new Pages();
    private final VerdictPage page = new VerdictPage(pages);

    public LocalFormRoutes(Hostwise hostwise) {
        this.hostwise = hostwise;
    }

    /** The form with the catalog and the policy in force now: both can be reloaded while the server runs. */
    private ScenarioForm form() {
        return new ScenarioForm(hostwise.catalog(), hostwise.decider().activePolicy().conditions(), pages);
    }

    @Override
    public void register(RoutingHandler routing) {
        routing.get("/", ex -> sendForm(ex, 200, form().defaults(), List.of()));
        routing.post("/", this::submit);
    }

    private void submit(HttpServerExchange ex) throws Exception {
        Map<String, String> posted = Requests.form(ex);
        // only scenario fields are read; the submit button and anything else a browser adds are not
        Map<String, String> values = new LinkedHashMap<>();
        for (ScenarioField f : ScenarioField.values()) {
            String v = posted.get(f.json());
            if (v != null) {
                values.put(f.json(), v);
            }
        }
        RecordedVerdict r;
        try {
            Scenario scenario = hostwise.reader().fromText(values);
            // deciding can refuse too, once the throughput is estimated (a fleet past the bound): shown under its field
            r = hostwise.decideFor(scenario, Requester.web());
        } catch (InvalidScenarioException e) {
            sendForm(ex, 400, values, e.errors());
            return;
        }
        if (r.linkToken().isPresent()) {
            ex.getResponseHeaders().put(Headers.LOCATION, "/v/" + r.linkToken().get());
            HttpResponses.send(ex, 303, "text/plain; charset=utf-8", "decided: " + r.verdict().id());
            return;
        }
        // the store is down: still answer, on this page, and say it was not saved
        LOG.warn("POST /: verdict {} not saved: {}", r.verdict().id(), r.saveProblem().orElse(""));
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        HttpResponses.send(ex, 200, "text/html; charset=utf-8", page.render(VerdictView.unsaved(r, Requester.web()), true));
    }

    private void sendForm(HttpServerExchange ex, int status, Map<String, String> values,
                          List<dev.hostwise.knowledge.FieldError> errors) {
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        HttpResponses.send(ex, status, "text/html; charset=utf-8", form().render(values, errors));
    }
}
