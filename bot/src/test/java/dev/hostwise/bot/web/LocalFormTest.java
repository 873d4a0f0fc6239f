package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.knowledge.ScenarioField;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local mode's form over real HTTP: what a browser sends and gets back. The browser itself is in {@link BrowserTest}. */
class LocalFormTest {

    static final String XSS = "<script>alert('x')</script>\"'><b>";

    @TempDir
    Path dataDir;

    private WebFixture web;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private WebFixture local() {
        web = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString())), true);
        return web;
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> submit(Map<String, String> values) throws Exception {
        return web.post("/", "application/x-www-form-urlencoded", form(values));
    }

    @Test
    void theFormAsksEveryScenarioFieldWithDefaultsAndCatalogPickers() throws Exception {
        local();
        HttpResponse<String> r = web.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        String page = r.body();
        for (ScenarioField f : ScenarioField.values()) {
            assertThat(page).as(f.json()).contains("name=\"" + f.json() + "\"", "<label for=\"f-" + f.json() + "\"");
        }
        assertThat(page).contains("id=\"f-tokensPerRequest\" name=\"tokensPerRequest\" aria-describedby=\"hint-tokensPerRequest\" value=\"1200\"",
                "name=\"utilization\" aria-describedby=\"hint-utilization\" value=\"0.3\"",
                "name=\"opsCostPerMonth\" aria-describedby=\"hint-opsCostPerMonth\" value=\"12000\"",
                "<option value=\"false\" selected>No</option>",
                "<option value=\"true\">Yes: Throughput was load-tested, with our own prompts at peak concurrency</option>");
        // catalog pickers, the same ids the Slack modal and the CLI accept
        assertThat(page).contains("<option value=\"a100-80gb\">", "<option value=\"gpt-4o\">", "<option value=\"llama-2-70b\">",
                "<option value=\"RAG_QA\">Retrieval Q&amp;A: answer from retrieved passages</option>");
        // the GPU price starts empty, so a picked GPU's catalog price is not overridden by the default
        assertThat(page).contains("name=\"gpuDollarsPerHour\" aria-describedby=\"hint-gpuDollarsPerHour\" value=\"\" placeholder=\"1.2\"");
        assertThat(page).doesNotContain("<script", " style=");
    }

    @Test
    void aValidSubmitStoresTheVerdictAndRedirectsToItsPage() throws Exception {
        local();
        Map<String, String> values = new LinkedHashMap<>(Map.of("requestsPerDay", "100k", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE", "gpuDollarsPerHour", "", "utilization", "30%"));
        HttpResponse<String> r = submit(values);
        assertThat(r.statusCode()).isEqualTo(303);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/v/[A-Za-z0-9_-]{24}");
        HttpResponse<String> page = web.get(location);
        assertThat(page.body()).contains("Stay on the hosted API", "the web form", "100,000");
        assertThat(web.hostwise().store().byToken(location.substring(3)).orElseThrow().requester().platform().id()).isEqualTo("web");
    }

    @Test
    void badInputShowsTheFormAgainWithTheValuesKeptAndAMessageUnderEachBadField() throws Exception {
        local();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("requestsPerDay", "-5");
        values.put("utilization", "1.5");
        values.put("taskType", "CLASSIFICATION");
        values.put("qualityNeed", "GOOD_ENOUGH");
        values.put("tokensPerRequest", "1200");
        HttpResponse<String> r = submit(values);
        assertThat(r.statusCode()).isEqualTo(400);
        String page = r.body();
        assertThat(page).contains("3 fields need fixing.");
        assertThat(page).contains("<p class=\"error\" id=\"err-requestsPerDay\">requestsPerDay -5 is below the limit of 0.001: a positive number of requests per day, e.g. 50000</p>",
                "<p class=\"error\" id=\"err-utilization\">utilization 1.5 is above the limit of 1:",
                "<p class=\"error\" id=\"err-privacyNeed\">privacyNeed is required: one of NONE, CONTRACTUAL, MUST_STAY_IN_HOUSE</p>");
        assertThat(page).contains("name=\"requestsPerDay\" aria-describedby=\"hint-requestsPerDay err-requestsPerDay\" aria-required=\"true\" aria-invalid=\"true\" value=\"-5\"",
                "value=\"1.5\"", "<option value=\"CLASSIFICATION\" selected>");
        // a field the user left empty stays empty rather than jumping back to its default
        assertThat(page).contains("name=\"peakToAverage\" aria-describedby=\"hint-peakToAverage\" value=\"\"");
        assertThat(web.hostwise().store().recent(10)).isEmpty();
    }

    @Test
    void scriptAndQuotesInEveryInputComeBackAsText() throws Exception {
        local();
        Map<String, String> values = new LinkedHashMap<>();
        for (ScenarioField f : ScenarioField.values()) {
            values.put(f.json(), XSS);
        }
        HttpResponse<String> r = submit(values);
        assertThat(r.statusCode()).isEqualTo(400);
        String page = r.body();
        assertThat(page).doesNotContain("<script", "<b>", "'><");
        // escaped for where it lands: in a quoted attribute the quotes, & and < are; in text, & < and >
        String inAttribute = "&lt;script>alert(&#39;x&#39;)&lt;/script>&#34;&#39;>&lt;b>";
        String inText = "&lt;script&gt;alert('x')&lt;/script&gt;\"'&gt;&lt;b&gt;";
        for (ScenarioField f : ScenarioField.values()) {
            // each field keeps the user's text, escaped: as the input's value, or as the picker's selected option
            int at = page.indexOf("name=\"" + f.json() + "\"");
            String field = page.substring(at, page.indexOf("</div>", at));
            assertThat(field).as(f.json()).contains("value=\"" + inAttribute + "\"");
        }
        assertThat(page).contains("<option value=\"" + inAttribute + "\" selected>" + inText + "</option>");
    }

    @Test
    void withSlackCredentialsThereIsNoFormAtTheRoot() throws Exception {
        web = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString())), false);
        assertThat(web.get("/").statusCode()).isEqualTo(404);
        assertThat(web.post("/", "application/x-www-form-urlencoded", "requestsPerDay=5").statusCode()).isIn(404, 405);
    }

    @Test
    void withTheStoreDownTheFormStillAnswersWithTheVerdictAndSaysItWasNotSaved() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        web = new WebFixture(new Env(Map.of("HOSTWISE_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/hostwise")), true);
        HttpResponse<String> r = submit(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Stay on the hosted API", "id=\"not-saved\"", "was not saved")
                .doesNotContain("jdbc:", "Re-evaluate");
    }
}
