package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.Env;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verdict whose hardware Hostwise chose (gpuType auto) through the real API and store: its JSON
 * carries the search and the question as asked, and every form of its link renders on the chosen
 * configuration. (Showing the search itself on the page, in Slack and in the ADR is later work.)
 */
class SearchedVerdictPagesTest {

    static final String SEARCH = """
            {"requestsPerDay": 2000000, "openModel": "llama-3.3-70b", "gpuType": "auto", "hostedModel": "gpt-4o",
             "inputTokens": 900, "outputTokens": 300, "taskType": "CLASSIFICATION", "qualityNeed": "GOOD_ENOUGH",
             "privacyNeed": "MUST_STAY_IN_HOUSE"}""";

    @TempDir
    Path dataDir;

    private WebFixture web;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        web = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString())), true);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void aSearchedVerdictIsStoredAsAskedAndEveryFormOfItsLinkRenders() throws Exception {
        HttpResponse<String> created = web.postJson("/api/v1/verdicts", SEARCH);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json.readTree(created.body());
        JsonNode chosen = body.at("/figures/configurationSearch/chosen");
        assertThat(chosen.get("gpuType").asText()).isNotBlank().isNotEqualTo("auto");
        assertThat(body.at("/scenario/gpuType").asText()).isEqualTo("auto");
        assertThat(body.at("/figures/estimate/errorBand/rows").asInt()).isPositive();
        String path = WebFixture.pathOf(body.get("link").asText());

        JsonNode stored = json.readTree(web.get(path + ".json").body());
        assertThat(stored.at("/figures/configurationSearch")).isEqualTo(body.at("/figures/configurationSearch"));
        assertThat(stored.at("/scenario/gpuType").asText()).isEqualTo("auto");

        HttpResponse<String> page = web.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Measure first", "Hostwise searched");
        HttpResponse<String> adr = web.get(path + ".md");
        assertThat(adr.statusCode()).isEqualTo(200);
        // the ADR prices the option on the configuration chosen
        assertThat(adr.body()).contains(chosen.get("gpuType").asText());
        assertThat(web.get(path + ".svg").statusCode()).isEqualTo(200);
        assertThat(web.get(path + "-break-even.png").statusCode()).isEqualTo(200);
    }
}
