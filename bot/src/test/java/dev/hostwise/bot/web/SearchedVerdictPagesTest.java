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
 * configuration, and the page and the ADR show the search: chosen, runners-up (those passed over on evidence
 * marked), why the others lost, and the load test that would settle "Measure first".
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
        // the search on the page: the chosen configuration, at least three runners-up, why the others lost
        String searchSection = page.body().substring(page.body().indexOf("<section id=\"configuration-search\">"));
        searchSection = searchSection.substring(0, searchSection.indexOf("</section>"));
        assertThat(searchSection).contains("<tr class=\"chosen\">", chosen.get("gpusPerReplica").asText() + " x "
                + chosen.get("gpuType").asText() + " at " + chosen.get("precision").asText(), "Why the others lost", "out of memory");
        assertThat(searchSection.split("class=\"runner-up").length - 1).isGreaterThanOrEqualTo(3);
        // Llama 3.3 70B: the cheaper AMD configurations rest on thin evidence and were passed over
        assertThat(searchSection).contains("runner-up passed-over", "passed over: cheaper, but on thinner evidence");
        assertThat(page.body()).contains("id=\"load-test\"", "./hostwise measure import hostwise-llama-3.3-70b-");
        HttpResponse<String> adr = web.get(path + ".md");
        assertThat(adr.statusCode()).isEqualTo(200);
        // the ADR prices the option on the configuration chosen, and lists the search and the load test to run
        assertThat(adr.body()).contains(chosen.get("gpuType").asText(), "### Configurations searched", "| chosen | ",
                "| runner-up, passed over | 2 x mi300x at FP8", "Why the others lost: out of memory", "```sh",
                "vllm bench serve --backend vllm");
        assertThat(web.get(path + ".svg").statusCode()).isEqualTo(200);
        assertThat(web.get(path + "-break-even.png").statusCode()).isEqualTo(200);
    }
}
