package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.bot.Env;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API over real HTTP on loopback, with the real H2 store. */
class VerdictApiTest {

    static final String SCENARIO = "{\"requestsPerDay\": 100000, \"taskType\": \"CLASSIFICATION\","
            + " \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"}";
    static final String ADMIN_TOKEN = "test-admin-token-3f9a";

    @TempDir
    Path dataDir;

    private WebFixture web;
    private final ObjectMapper json = new ObjectMapper();

    private WebFixture start(Env env) {
        web = new WebFixture(env, true);
        return web;
    }

    private Env env() {
        return new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString(), "HOSTWISE_ADMIN_TOKEN", ADMIN_TOKEN));
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void postingAScenarioGives201WithTheVerdictAndALinkThatOpensIt() throws Exception {
        start(env());
        HttpResponse<String> r = web.postJson("/api/v1/verdicts", SCENARIO);

        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("id").asText()).matches("HW-\\d{4}-\\d{4}");
        assertThat(body.get("recommendation").asText()).isEqualTo("HOSTED_API");
        assertThat(body.at("/figures/selfHostAllInPerDay").asDouble()).isEqualTo(428.8);
        String link = body.get("link").asText();
        assertThat(link).matches(web.settings().baseUrl() + "/v/[A-Za-z0-9_-]{24}");
        assertThat(r.headers().firstValue("Location")).contains(link);

        HttpResponse<String> opened = web.get(WebFixture.pathOf(link) + ".json");
        assertThat(opened.statusCode()).isEqualTo(200);
        ObjectNode withoutLink = (ObjectNode) body.deepCopy();
        withoutLink.remove("link");
        assertThat(json.readTree(opened.body())).isEqualTo(withoutLink);
    }

    @Test
    void badInputIs400WithOneErrorPerBadFieldAndNoInternals() throws Exception {
        start(env());
        HttpResponse<String> r = web.postJson("/api/v1/verdicts",
                "{\"requestsPerDay\": -5, \"utilization\": 1.5, \"taskType\": \"POETRY\", \"qualityNeed\": \"GOOD_ENOUGH\","
                        + " \"privacyNeed\": \"NONE\", \"requestsPerDya\": 5}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode errors = json.readTree(r.body()).get("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("requestsPerDay", "utilization", "taskType", "requestsPerDya");
        assertThat(r.body()).contains("did you mean requestsPerDay?", "a fraction above 0 and at most 1")
                .doesNotContain("Exception", "at dev.");
        // the first key of each error is the field, so a person reading the JSON sees it first
        assertThat(r.body()).startsWith("{\"errors\":[{\"field\":");
    }

    @Test
    void malformedOrMissingJsonIs400OnTheScenario() throws Exception {
        start(env());
        HttpResponse<String> broken = web.postJson("/api/v1/verdicts", "{\"requestsPerDay\": 5,,}");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json.readTree(broken.body()).at("/errors/0/field").asText()).isEqualTo("scenario");
        assertThat(broken.body()).contains("is not valid JSON (line 1");

        HttpResponse<String> empty = web.postJson("/api/v1/verdicts", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json.readTree(empty.body()).at("/errors/0/field").asText()).isEqualTo("scenario");
    }

    @Test
    void anOversizedScenarioIs413() throws Exception {
        start(env());
        String r = OversizedRequest.post(web.port(), "/api/v1/verdicts", 300 * 1024);
        assertThat(r).startsWith("HTTP/1.1 413 ").contains("the limit is 262144");
        assertThat(web.hostwise().store().recent(1)).isEmpty();
    }

    @Test
    void listingVerdictsNeedsTheAdminToken() throws Exception {
        start(env());
        String first = json.readTree(web.postJson("/api/v1/verdicts", SCENARIO).body()).get("id").asText();
        String second = json.readTree(web.postJson("/api/v1/verdicts", SCENARIO).body()).get("id").asText();

        HttpResponse<String> anonymous = web.get("/api/v1/verdicts");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        assertThat(anonymous.body()).doesNotContain(first);
        assertThat(web.get("/api/v1/verdicts", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(web.get("/api/v1/verdicts/" + first, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> admin = web.get("/api/v1/verdicts?limit=1", "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(admin.statusCode()).isEqualTo(200);
        JsonNode listed = json.readTree(admin.body());
        assertThat(listed.get("verdicts")).hasSize(1);
        assertThat(listed.at("/verdicts/0/id").asText()).isEqualTo(second);
        assertThat(listed.at("/verdicts/0/source").asText()).isEqualTo("api");
        assertThat(listed.at("/verdicts/0/link").asText()).startsWith(web.settings().baseUrl() + "/v/");

        HttpResponse<String> all = web.get("/api/v1/verdicts", "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(json.readTree(all.body()).get("verdicts")).hasSize(2);

        HttpResponse<String> one = web.get("/api/v1/verdicts/" + first, "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json.readTree(one.body()).get("id").asText()).isEqualTo(first);
    }

    @Test
    void aBadLimitIs400NamingTheParameter() throws Exception {
        start(env());
        for (String limit : List.of("abc", "0", "100000")) {
            HttpResponse<String> r = web.get("/api/v1/verdicts?limit=" + limit, "Authorization", "Bearer " + ADMIN_TOKEN);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json.readTree(r.body()).at("/errors/0/field").asText()).isEqualTo("limit");
            assertThat(r.body()).contains("a whole number from 1 to 500");
        }
    }

    @Test
    void withoutAnAdminTokenConfiguredListingIsSwitchedOff() throws Exception {
        start(new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString())));
        HttpResponse<String> r = web.get("/api/v1/verdicts", "Authorization", "Bearer ");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("set HOSTWISE_ADMIN_TOKEN");
    }

    @Test
    void withTheStoreDownTheApiStillAnswersWithTheVerdictAndSaysItWasNotSaved() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        start(new Env(Map.of("HOSTWISE_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/hostwise",
                "HOSTWISE_ADMIN_TOKEN", ADMIN_TOKEN)));
        HttpResponse<String> r = web.postJson("/api/v1/verdicts", SCENARIO);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("recommendation").asText()).isEqualTo("HOSTED_API");
        assertThat(body.get("saved").asBoolean(true)).isFalse();
        assertThat(body.get("saveProblem").asText()).contains("not saved");
        assertThat(body.has("link")).isFalse();
        // the database's address is for the operator's log, not for API callers
        assertThat(r.body()).doesNotContain("jdbc:", "127.0.0.1:" + port);

        HttpResponse<String> list = web.get("/api/v1/verdicts", "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(list.statusCode()).isEqualTo(503);
        assertThat(web.get("/v/AAAAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(503);
    }
}
