package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.cli.HostwiseCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An admin imports prices into the catalog directory of a running server: the server picks the new
 * price up through the same gate as a rules edit, or, when the new price breaks a policy case, keeps
 * the old one and says why on /status.
 */
class CatalogImportServerTest {

    @TempDir
    Path tmp;
    private Path catalog;
    private Env env;
    private WebFixture web;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        catalog = tmp.resolve("catalog");
        env = new Env(Map.of("HOSTWISE_DATA_DIR", tmp.resolve("data").toString(), "HOSTWISE_CATALOG_DIR", catalog.toString()));
        assertThat(cli("catalog", "export", catalog.toString())).isZero();
        web = new WebFixture(env, true);
        web.hostwise().reloader().watch(List.of(catalog), Duration.ofMillis(200));
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private int cli(String... args) {
        CommandLine cl = HostwiseCli.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        assertThat(code).as("hostwise %s\n%s%s", String.join(" ", args), out, err).isLessThanOrEqualTo(2);
        return code;
    }

    /** The real-format sample with each (from, to) pair replaced. */
    private Path prices(String... fromTo) throws Exception {
        String text = Files.readString(Path.of("..", "knowledge", "src", "test", "resources", "litellm",
                "model_prices_and_context_window.sample.json"), StandardCharsets.UTF_8);
        for (int i = 0; i < fromTo.length; i += 2) {
            assertThat(text).contains(fromTo[i]);
            text = text.replace(fromTo[i], fromTo[i + 1]);
        }
        Path file = tmp.resolve("prices-" + System.nanoTime() + ".json");
        Files.writeString(file, text);
        return file;
    }

    private JsonNode decide(String hostedModel) throws Exception {
        HttpResponse<String> r = web.postJson("/api/v1/verdicts", "{\"requestsPerDay\": 100000, \"hostedModel\": \"" + hostedModel
                + "\", \"inputTokens\": 900, \"outputTokens\": 300, \"gpuType\": \"a100-40gb\", \"pricingMode\": \"RESERVED\","
                + " \"requestsPerSecond\": 2, \"throughputMeasured\": true, \"taskType\": \"CLASSIFICATION\","
                + " \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readTree(r.body());
    }

    private JsonNode awaitStatus(Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode s = json.readTree(web.get("/status").body());
        while (!condition.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            s = json.readTree(web.get("/status").body());
        }
        assertThat(condition.test(s)).as("status reached the expected state: %s", s).isTrue();
        return s;
    }

    @Test
    void anImportedPriceReachesTheNextVerdictThroughTheGateAndOneThatBreaksACaseIsRefused() throws Exception {
        assertThat(decide("gpt-4.1-mini").at("/scenario/hostedInputPricePer1M").asDouble()).isEqualTo(0.40);
        JsonNode s0 = json.readTree(web.get("/status").body());
        assertThat(s0.at("/oldestFigureInUse/stale").asBoolean()).isTrue();
        assertThat(s0.at("/oldestFigureInUse/asOf").asText()).isNotBlank();
        assertThat(s0.at("/oldestFigureInUse/staleAfterDays").asInt()).isEqualTo(180);

        // a price cut for GPT-4.1 mini: written, checked against every case, activated
        Path cheaper = prices("\"input_cost_per_token\": 4e-07,\n        \"input_cost_per_token_batches\": 2e-07,\n        \"input_cost_per_token_priority\"",
                "\"input_cost_per_token\": 3.5e-07,\n        \"input_cost_per_token_batches\": 2e-07,\n        \"input_cost_per_token_priority\"");
        assertThat(cli("catalog", "import-prices", cheaper.toString(), "--as-of", "2027-01-15", "--write")).isZero();
        awaitStatus(s -> s.path("catalogDate").asText().equals("2027-01-15"));
        JsonNode after = decide("gpt-4.1-mini");
        assertThat(after.at("/scenario/hostedInputPricePer1M").asDouble()).isEqualTo(0.35);
        assertThat(after.path("catalogDate").asText()).isEqualTo("2027-01-15");

        // GPT-4o at a tenth of its price: the file is fine, but the policy case whose VOLUME holds against
        // GPT-4o on reserved A100s no longer holds, so the gate keeps the catalog that passed
        assertThat(decide("gpt-4o").path("recommendation").asText()).isEqualTo("MEASURE_FIRST");
        Path slashed = prices(
                "\"input_cost_per_token\": 2.5e-06,\n        \"input_cost_per_token_batches\": 1.25e-06,\n        \"input_cost_per_token_priority\": 4.25e-06,",
                "\"input_cost_per_token\": 2.5e-07,\n        \"input_cost_per_token_batches\": 1.25e-06,\n        \"input_cost_per_token_priority\": 4.25e-06,",
                "\"output_cost_per_token\": 1e-05,\n        \"output_cost_per_token_batches\": 5e-06,\n        \"output_cost_per_token_priority\": 1.7e-05",
                "\"output_cost_per_token\": 1e-06,\n        \"output_cost_per_token_batches\": 5e-06,\n        \"output_cost_per_token_priority\": 1.7e-05");
        assertThat(cli("catalog", "import-prices", slashed.toString(), "--as-of", "2027-02-01", "--write")).isZero();
        assertThat(Files.readString(catalog.resolve("hosted-models.yaml"))).contains("inputPer1M: 0.25");
        JsonNode refused = awaitStatus(s -> s.at("/lastFailedReload/failedCases").size() > 0);
        assertThat(refused.at("/lastFailedReload/failedCases").findValuesAsText("case"))
                .contains("A reservation's lower rate carries the cost case on volume, though not surely enough to self-host without measuring");
        assertThat(refused.path("catalogDate").asText()).isEqualTo("2027-01-15");
        JsonNode kept = decide("gpt-4o");
        assertThat(kept.at("/scenario/hostedInputPricePer1M").asDouble()).isEqualTo(2.50);
        assertThat(kept.path("recommendation").asText()).isEqualTo("MEASURE_FIRST");
    }
}
