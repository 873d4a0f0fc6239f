package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.http.HostwiseServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A "Measure first" verdict's page takes the load test's result back over real HTTP: the form's multipart
 * upload or the raw JSON, checked, stored as evidence, and decided again as a new verdict that supersedes
 * the old one; a bad file is refused naming the problem, and nothing is stored.
 */
class LoadTestUploadTest {

    static final String NAMED = """
            {"requestsPerDay": 2000000, "openModel": "llama-3.3-70b", "gpuType": "h100-80gb", "gpusPerReplica": 2,
             "precision": "FP8", "hostedModel": "gpt-4o", "inputTokens": 900, "outputTokens": 300,
             "taskType": "CLASSIFICATION", "qualityNeed": "GOOD_ENOUGH", "privacyNeed": "MUST_STAY_IN_HOUSE"}""";

    @TempDir
    Path dataDir;

    private WebFixture web;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() {
        web = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString())), true);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    static String resource(String name) {
        try (InputStream in = LoadTestUploadTest.class.getResourceAsStream("/loadtests/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A verdict decided through the API; its page path. */
    private String decided(String scenario) throws Exception {
        HttpResponse<String> created = web.postJson("/api/v1/verdicts", scenario);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return WebFixture.pathOf(json.readTree(created.body()).get("link").asText());
    }

    /** The form as a browser sends it: multipart/form-data with the file and the four fields. */
    private HttpResponse<String> upload(String pagePath, String fileName, byte[] file, Map<String, String> fields) throws Exception {
        String boundary = "----hostwise-test-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue()
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"result\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(web.uri(pagePath + "/load-test"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("model", "llama-3.3-70b");
        f.put("gpu", "h100-80gb");
        f.put("gpus", "2");
        f.put("precision", "FP8");
        return f;
    }

    @Test
    void theMeasureFirstPageShowsTheLoadTestAndTakesItsResultBackAsASupersedingVerdict() throws Exception {
        String page = decided(NAMED);
        HttpResponse<String> before = web.get(page);
        assertThat(before.body()).contains("id=\"load-test\"", "vllm bench serve --backend vllm --model nvidia/Llama-3.3-70B-Instruct-FP8",
                "--random-input-len 900 --random-output-len 300", "enctype=\"multipart/form-data\"", "action=\"" + page + "/load-test\"",
                "name=\"gpu\" value=\"h100-80gb\"");

        HttpResponse<String> uploaded = upload(page, "llama33-70b.json",
                resource("llama33-70b-2xh100-fp8-conc64.json").getBytes(StandardCharsets.UTF_8), fields());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
        String newPage = uploaded.headers().firstValue("Location").orElseThrow();
        assertThat(newPage).startsWith("/v/").isNotEqualTo(page);

        JsonNode old = json.readTree(web.get(page + ".json").body());
        JsonNode now = json.readTree(web.get(newPage + ".json").body());
        assertThat(now.get("recommendation").asText()).isEqualTo("SELF_HOST");
        assertThat(now.at("/figures/throughputSource").asText()).isEqualTo("measured");
        assertThat(now.at("/figures/throughputEvidence/evidenceId").asText()).hasSize(64);
        assertThat(now.at("/figures/throughputEvidence/measuredOn").asText()).isEqualTo("2026-11-20");
        assertThat(now.has("loadTest")).isFalse();
        // the new verdict names the one it supersedes, and the old page says it was superseded
        String newHtml = web.get(newPage).body();
        assertThat(newHtml).contains("Supersedes", old.get("id").asText(), "is measured: load test sha256:");
        assertThat(web.get(page).body()).contains("Superseded by <a href=\"" + newPage + "\">" + now.get("id").asText() + "</a>",
                ": re-evaluated with load test sha256:", "(llama-3.3-70b on 2 x h100-80gb at FP8).");
        assertThat(json.readTree(web.get(page + ".json").body()).at("/supersededBy/reason").asText())
                .startsWith("re-evaluated with load test sha256:");
        assertThat(web.get(page + ".md").body()).contains("status: \"superseded by " + now.get("id").asText() + "\"");
    }

    @Test
    void theRawJsonBodyWorksTooWithTheConfigurationFromThePlan() throws Exception {
        String page = decided(NAMED);
        HttpResponse<String> uploaded = web.postJson(page + "/load-test", resource("llama33-70b-2xh100-fp8-conc64.json"));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
        JsonNode now = json.readTree(web.get(uploaded.headers().firstValue("Location").orElseThrow() + ".json").body());
        assertThat(now.at("/figures/throughputSource").asText()).isEqualTo("measured");
    }

    @Test
    void aBadFileIsRefusedOnThePageNamingTheProblemAndNothingIsStored() throws Exception {
        String page = decided(NAMED);
        String zero = resource("llama33-70b-2xh100-fp8-conc64.json").replaceAll("\"output_throughput\": [0-9.]+", "\"output_throughput\": 0");
        HttpResponse<String> refused = upload(page, "zero.json", zero.getBytes(StandardCharsets.UTF_8), fields());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"load-test-problems\"", "The result was not imported, and nothing was stored",
                "zero.json: the throughput is zero");

        HttpResponse<String> notJson = upload(page, "notes.txt", "Successful requests: 320".getBytes(StandardCharsets.UTF_8), fields());
        assertThat(notJson.statusCode()).isEqualTo(422);
        assertThat(notJson.body()).contains("notes.txt is not valid JSON");

        HttpResponse<String> mismatch = upload(page, "qwen.json",
                resource("qwen35-397b-fp8-4xb300-conc32.json").getBytes(StandardCharsets.UTF_8), fields());
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(mismatch.body()).contains("its model_id 'Qwen/Qwen3.5-397B-A17B-FP8' is not llama-3.3-70b");

        HttpResponse<String> partial = upload(page, "partial.json",
                "{\"model_id\": \"meta-llama/Llama-3.3-70B-Instruct\", \"completed\": 10}".getBytes(StandardCharsets.UTF_8), fields());
        assertThat(partial.statusCode()).isEqualTo(422);
        assertThat(partial.body()).contains("partial.json: has no \"duration\"", "partial.json: has no \"request_throughput\"");

        String allFailed = resource("llama33-70b-2xh100-fp8-conc64.json").replace("\"completed\": 640", "\"completed\": 0")
                .replace("\"failed\": 0", "\"failed\": 640");
        HttpResponse<String> failed = upload(page, "failed.json", allFailed.getBytes(StandardCharsets.UTF_8), fields());
        assertThat(failed.statusCode()).isEqualTo(422);
        assertThat(failed.body()).contains("every request failed (completed: 0, failed: 640)");

        Map<String, String> typo = fields();
        typo.put("gpus", "two");
        HttpResponse<String> badField = upload(page, "llama.json",
                resource("llama33-70b-2xh100-fp8-conc64.json").getBytes(StandardCharsets.UTF_8), typo);
        assertThat(badField.statusCode()).isEqualTo(422);
        // the form keeps what was typed
        assertThat(badField.body()).contains("GPUs per replica 'two' is not a whole number", "value=\"two\"");
        // nothing stored, nothing decided: the verdict is not superseded, and a new decision still estimates
        assertThat(web.get(page).body()).doesNotContain("Superseded");
        assertThat(json.readTree(web.postJson("/api/v1/verdicts", NAMED).body()).at("/figures/throughputSource").asText())
                .isEqualTo("estimated");
    }

    @Test
    void aLoadTestThatIsNotComparableToTheQuestionIsRefusedBeforeAnythingIsStored() throws Exception {
        String page = decided(NAMED);
        // prompts of 1,800 tokens against the 900 asked
        String longer = resource("llama33-70b-2xh100-fp8-conc64.json").replace("\"total_input_tokens\": 576000",
                "\"total_input_tokens\": 1152000");
        HttpResponse<String> refused = web.postJson(page + "/load-test", longer);
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode errors = json.readTree(refused.body()).get("errors");
        assertThat(errors.get(0).get("message").asText()).contains("is not comparable to", "its prompts averaged 1,800 tokens,"
                + " not within 25% of 900");
        assertThat(json.readTree(web.postJson("/api/v1/verdicts", NAMED).body()).at("/figures/throughputSource").asText())
                .isEqualTo("estimated");
    }

    @Test
    void aVerdictThatAsksForNoLoadTestTakesNone() throws Exception {
        String page = decided("""
                {"requestsPerDay": 50000, "taskType": "CLASSIFICATION", "qualityNeed": "GOOD_ENOUGH", "privacyNeed": "NONE"}""");
        assertThat(web.get(page).body()).doesNotContain("id=\"load-test\"");
        HttpResponse<String> refused = upload(page, "llama.json",
                resource("llama33-70b-2xh100-fp8-conc64.json").getBytes(StandardCharsets.UTF_8), fields());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("asks for no load test", "nothing was stored");
    }

    @Test
    void aResultOverTheBodyLimitIsRefusedWith413() throws Exception {
        String page = decided(NAMED);
        byte[] big = new byte[(int) HostwiseServer.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> refused = upload(page, "detailed.json", big, fields());
        assertThat(refused.statusCode()).isEqualTo(413);
    }

    @Test
    void aVerdictWithAGuessedThroughputIsDecidedAgainOnTheConfigurationMeasured() throws Exception {
        // no model or GPU named, a typed throughput: the upload pins the question to what was measured
        String page = decided("""
                {"requestsPerDay": 2000000, "requestsPerSecond": 4, "hostedModel": "gpt-4o", "inputTokens": 900,
                 "outputTokens": 300, "taskType": "CLASSIFICATION", "qualityNeed": "GOOD_ENOUGH", "privacyNeed": "MUST_STAY_IN_HOUSE"}""");
        assertThat(json.readTree(web.get(page + ".json").body()).get("recommendation").asText()).isEqualTo("MEASURE_FIRST");
        HttpResponse<String> uploaded = upload(page, "llama.json",
                resource("llama33-70b-2xh100-fp8-conc64.json").getBytes(StandardCharsets.UTF_8), fields());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
        JsonNode now = json.readTree(web.get(uploaded.headers().firstValue("Location").orElseThrow() + ".json").body());
        assertThat(now.at("/scenario/openModel").asText()).isEqualTo("llama-3.3-70b");
        assertThat(now.at("/scenario/gpuType").asText()).isEqualTo("h100-80gb");
        assertThat(now.at("/scenario/requestsPerSecond").isMissingNode()).isTrue();
        assertThat(now.at("/figures/throughputSource").asText()).isEqualTo("measured");
    }
}
