package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.Env;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The section-4 defects of issue 11, each as a user met it, over real HTTP on loopback with the real
 * store: what came back then, what comes back now, and that nothing refused was stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileApiInputTest {

    private static final String BASE = "\"requestsPerDay\": 100000, \"taskType\": \"CLASSIFICATION\","
            + " \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"";
    private static final String ADMIN_TOKEN = "hostile-admin-token-5be1";

    @TempDir
    static Path dataDir;

    private WebFixture web;
    private final ObjectMapper json = new ObjectMapper();
    /** Verdicts in the store when the test began: each test counts what it added. */
    private int storedBefore;

    @BeforeAll
    void start() {
        web = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString(), "HOSTWISE_ADMIN_TOKEN", ADMIN_TOKEN)), true);
    }

    @BeforeEach
    void count() throws Exception {
        storedBefore = web.hostwise().store().recent(500).size();
    }

    @AfterAll
    void stop() {
        web.close();
    }

    /** A 253 KB body of 23,000 unknown keys: the 11.8 MB answer. */
    static String unknownKeys() {
        StringBuilder body = new StringBuilder("{" + BASE);
        for (int i = 0; i < 23_000; i++) {
            body.append(",\"k").append(String.format("%05d", i)).append("\":0");
        }
        return body.append('}').toString();
    }

    @Test
    void aBodyOfTwentyThreeThousandUnknownKeysGetsASmall400NotElevenMegabytes() throws Exception {
        String body = unknownKeys();
        assertThat(body.length()).isBetween(250_000, 256 * 1024);
        HttpResponse<String> r = web.postJson("/api/v1/verdicts", body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body().length()).as("the 400 answer, in characters").isLessThan(16_000);
        JsonNode errors = json.readTree(r.body()).get("errors");
        assertThat(errors).hasSize(21);
        assertThat(errors.get(20).get("message").asText()).isEqualTo("has 22,980 more keys that are not scenario fields (not listed)");
        assertThat(stored()).isZero();
    }

    @Test
    void sixteenSuchBodiesAtOnceAllGet400() throws Exception {
        String body = unknownKeys();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> web.postJson("/api/v1/verdicts", body)));
            }
            for (Future<HttpResponse<String>> a : answers) {
                assertThat(a.get().statusCode()).isEqualTo(400);
                assertThat(a.get().body().length()).isLessThan(16_000);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(web.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(stored()).isZero();
    }

    @Test
    void jsonIsAsStrictAsDocumented() throws Exception {
        assertThat(errorFields("{" + BASE + "} trailing")).containsExactly("scenario");
        assertThat(errorFields("{" + BASE + "}{" + BASE + "}")).containsExactly("scenario");
        assertThat(errorFields("{" + BASE + ", \"requestsPerDay\": 1e9}")).containsExactly("requestsPerDay");
        assertThat(errorFields("{" + BASE.replace("CLASSIFICATION", "claſſification") + "}")).containsExactly("taskType");
        assertThat(errorFields("{" + BASE.replace("GOOD_ENOUGH", "GOOD_ENOUGH".toLowerCase().replace('i', 'ı')) + "}"))
                .isEmpty();
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void tokenCountsNearTwoToTheThirtyAreAFieldErrorNotANegativeBillStoredAsHostedApi() throws Exception {
        HttpResponse<String> r = web.postJson("/api/v1/verdicts", "{" + BASE
                + ", \"inputTokens\": 1073741823, \"outputTokens\": 1073741823}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("1073741823 is above the limit of 5,000,000").doesNotContain("-$1,073,741,824");
        assertThat(stored()).isZero();
        // at the bounds' own ends the bill is positive and exact: 10,000,000 tokens at $0.002 per 1k, 100,000 times a day
        HttpResponse<String> ok = web.postJson("/api/v1/verdicts", "{" + BASE + ", \"inputTokens\": 5000000, \"outputTokens\": 5000000}");
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(json.readTree(ok.body()).at("/figures/hostedPerDay").asDouble()).isEqualTo(2_000_000.0);
    }

    @Test
    void hugeHourlyWeightsAndAbsurdVolumesAreFieldErrorsNot500s() throws Exception {
        String weights = "[1e307" + ", 1".repeat(23) + "]";
        HttpResponse<String> w = web.postJson("/api/v1/verdicts", "{" + BASE + ", \"hourlyWeights\": " + weights + "}");
        assertThat(w.statusCode()).isEqualTo(400);
        assertThat(w.body()).contains("hour 0 is 1.0E307, above the limit of 1,000,000,000");
        HttpResponse<String> v = web.postJson("/api/v1/verdicts", "{" + BASE.replace("100000", "1e300") + "}");
        assertThat(v.statusCode()).isEqualTo(400);
        assertThat(v.body()).contains("above the limit of 1,000,000,000,000");
        // a fleet past a billion replicas, found only once the throughput is estimated: 400, nothing stored
        HttpResponse<String> fleet = web.postJson("/api/v1/verdicts", "{" + BASE.replace("100000", "1e12")
                + ", \"peakToAverage\": 1000, \"openModel\": \"llama-3.1-8b\", \"gpuType\": \"b200\", \"inputTokens\": 0,"
                + " \"outputTokens\": 100000, \"maxSecondsPerRequest\": 1000000}");
        assertThat(fleet.statusCode()).as(fleet.body()).isEqualTo(400);
        assertThat(fleet.body()).contains("requests a day at 0.0044 requests per second per replica need",
                "replicas, above the limit of 1,000,000,000");
        assertThat(stored()).isZero();
    }

    @Test
    void theBreakEvenChartOfAVerdictAtTheFarEndsOfTheBoundsIsAnImageNotA500() throws Exception {
        // the volume at its upper bound, the hosted price at its lower: the break-even lies far past any real volume
        HttpResponse<String> r = web.postJson("/api/v1/verdicts", "{" + BASE.replace("100000", "1e12")
                + ", \"hostedPricePer1kTokens\": 0.0000001, \"tokensPerRequest\": 1}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String page = WebFixture.pathOf(json.readTree(r.body()).get("link").asText());
        HttpResponse<byte[]> png = web.getBytes(page + "-break-even.png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(web.get(page + ".svg").statusCode()).isEqualTo(200);
        assertThat(web.get(page).statusCode()).isEqualTo(200);
    }

    private List<String> errorFields(String body) throws Exception {
        HttpResponse<String> r = web.postJson("/api/v1/verdicts", body);
        List<String> fields = new ArrayList<>();
        if (r.statusCode() == 201) {
            return fields;
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        json.readTree(r.body()).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    /** Verdicts this test stored. */
    private int stored() throws Exception {
        return web.hostwise().store().recent(500).size() - storedBefore;
    }
}
