package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.PolicyFiles;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /metrics over real HTTP: what an operator's Prometheus scrapes, after real verdicts and a reload. */
class MetricsTest {

    @TempDir
    Path dir;

    private WebFixture web;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void verdictsSavesAndTheJvmAreCountedInPrometheusTextFormat() throws Exception {
        web = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", dir.toString())), true);
        for (int i = 0; i < 3; i++) {
            assertThat(web.postJson("/api/v1/verdicts", VerdictApiTest.SCENARIO).statusCode()).isEqualTo(201);
        }
        assertThat(web.postJson("/api/v1/verdicts", "{\"requestsPerDay\": -5}").statusCode()).isEqualTo(400);

        HttpResponse<String> r = web.get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain; version=0.0.4");
        String body = r.body();
        // three verdicts from the API, all stored; the refused input made none
        assertThat(body).contains("hostwise_verdicts_total{recommendation=\"HOSTED_API\",saved=\"true\",source=\"api\"} 3.0");
        assertThat(body).contains("hostwise_store_save_seconds_count 3", "hostwise_store_batch_verdicts_sum 3.0",
                "hostwise_decision_seconds_count 3");
        assertThat(body).doesNotContain("hostwise_store_failures_total{kind=\"outage\"} 1");
        assertThat(body).contains("jvm_memory_used_bytes", "process_uptime_seconds");
        // there from the start, at zero, so an alert on a refused reload has a series to watch
        assertThat(body).contains("hostwise_rules_reloads_total{outcome=\"refused\"} 0.0");
        // every request, by route template and status
        assertThat(body).contains(
                "http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/v1/verdicts\"} 3",
                "http_server_requests_seconds_count{method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"400\",uri=\"/api/v1/verdicts\"} 1");
        // counts and timings only: no inputs, IDs or links
        assertThat(body).doesNotContain("HW-", "100000");
        web.get("/v/AAAAAAAAAAAAAAAAAAAAAAAA");
        web.get("/no/such/page");
        assertThat(web.get("/metrics").body())
                .contains("uri=\"/v/{token}\"", "status=\"404\",uri=\"NOT_FOUND\"")
                .doesNotContain("AAAAAAAAAAAAAAAAAAAAAAAA", "/no/such/page");
    }

    @Test
    void refusedAndActivatedReloadsAreCounted() throws Exception {
        Path rules = dir.resolve("rules");
        PolicyFiles.copyTo(rules);
        web = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", dir.resolve("data").toString(),
                "HOSTWISE_RULES_DIR", rules.toString())), true);
        Path privacy = rules.resolve("privacy.drl");
        String good = Files.readString(privacy);
        String before = web.hostwise().decider().activePolicy().revision();
        assertThat(web.get("/metrics").body()).contains("hostwise_rules_active{catalog_date=\""
                + web.hostwise().catalog().date() + "\",revision=\"" + before + "\"} 1.0");

        Files.writeString(privacy, good + "\nrule \"broken\" when then oops(\n");
        web.hostwise().reloader().reload("test: a bad edit");
        Files.writeString(privacy, good + "\n// an edit that changes nothing the cases check\n");
        web.hostwise().reloader().reload("test: a good edit");

        String body = web.get("/metrics").body();
        assertThat(body).contains("hostwise_rules_reloads_total{outcome=\"refused\"} 1.0",
                "hostwise_rules_reloads_total{outcome=\"activated\"} 1.0");
        // one series, on the revision now active: a scraper compares it across replicas
        String after = web.hostwise().decider().activePolicy().revision();
        assertThat(after).isNotEqualTo(before);
        assertThat(body.lines().filter(l -> l.startsWith("hostwise_rules_active{")))
                .containsExactly("hostwise_rules_active{catalog_date=\"" + web.hostwise().catalog().date() + "\",revision=\"" + after + "\"} 1.0");
    }
}
