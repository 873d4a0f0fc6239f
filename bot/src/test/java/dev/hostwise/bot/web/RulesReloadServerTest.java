package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.PolicyFiles;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin edits the rules of a running server: the change is checked and activated, or refused with
 * the reason on /status, and serving never pauses.
 */
class RulesReloadServerTest {

    private static final String CONTRACTUAL = "{\"requestsPerDay\": 1000000, \"taskType\": \"CLASSIFICATION\","
            + " \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"CONTRACTUAL\", \"throughputMeasured\": true}";

    @TempDir
    Path rules;
    @TempDir
    Path data;
    private WebFixture web;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws IOException {
        PolicyFiles.copyTo(rules);
        web = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", data.toString(), "HOSTWISE_RULES_DIR", rules.toString())), true);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private void edit(String from, String to) throws IOException {
        Path privacy = rules.resolve("privacy.drl");
        String text = Files.readString(privacy);
        assertThat(text).contains(from);
        Files.writeString(privacy, text.replace(from, to));
    }

    private JsonNode status() throws Exception {
        return json.readTree(web.get("/status").body());
    }

    private JsonNode decide() throws Exception {
        HttpResponse<String> r = web.postJson("/api/v1/verdicts", CONTRACTUAL);
        assertThat(r.statusCode()).isEqualTo(201);
        return json.readTree(r.body());
    }

    /** Waits (bounded) until /status satisfies the condition. */
    private JsonNode awaitStatus(java.util.function.Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode s = status();
        while (!condition.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            s = status();
        }
        assertThat(condition.test(s)).as("status reached the expected state: %s", s).isTrue();
        return s;
    }

    @Test
    void editsAreCheckedThenActivatedOrRefusedWithTheReason() throws Exception {
        web.hostwise().reloader().watch(List.of(rules, rules.resolve("cases")), Duration.ofMillis(200));
        String r0 = status().get("rulesRevision").asText();
        assertThat(status().get("rules")).anySatisfy(rule -> {
            assertThat(rule.get("file").asText()).isEqualTo("privacy.drl");
            assertThat(rule.get("reason").asText()).isNotBlank();
        });

        // a good edit: the next verdict is decided by the new revision
        edit("Nothing requires the data to stay in-house.", "No rule keeps this data in-house.");
        JsonNode s1 = awaitStatus(s -> !s.get("rulesRevision").asText().equals(r0));
        String r1 = s1.get("rulesRevision").asText();
        assertThat(decide().get("rulesRevision").asText()).isEqualTo(r1);
        assertThat(s1.at("/lastSuccessfulReload/trigger").asText()).isEqualTo("watch");

        // a syntax error: the old revision stays, and /status says where
        edit("Scenario( privacyNeed == PrivacyNeed.NONE )", "Scenario( privacyNeed == PrivacyNeed.NONE");
        JsonNode s2 = awaitStatus(s -> !s.path("lastFailedReload").isNull() && !s.path("lastFailedReload").isMissingNode());
        assertThat(s2.get("rulesRevision").asText()).isEqualTo(r1);
        assertThat(s2.at("/lastFailedReload/errors/0").asText()).matches("privacy\\.drl:\\d+: .+");
        assertThat(decide().get("rulesRevision").asText()).isEqualTo(r1);

        // a change that compiles but breaks a policy case is refused, naming the case
        edit("Scenario( privacyNeed == PrivacyNeed.NONE", "Scenario( privacyNeed == PrivacyNeed.NONE )");
        edit("insert(new Finding(Condition.PRIVACY, false,\n        \"The requirement is contractual",
                "insert(new Finding(Condition.PRIVACY, true,\n        \"The requirement is contractual");
        JsonNode s3 = awaitStatus(s -> s.at("/lastFailedReload/failedCases").size() > 0);
        assertThat(s3.at("/lastFailedReload/failedCases").findValuesAsText("case"))
                .contains("A contractual privacy need is met by a data-handling clause, not by GPUs");
        assertThat(s3.get("rulesRevision").asText()).isEqualTo(r1);
        assertThat(decide().get("recommendation").asText()).isEqualTo("HOSTED_API");

        // fixing the file activates it
        edit("insert(new Finding(Condition.PRIVACY, true,\n        \"The requirement is contractual",
                "insert(new Finding(Condition.PRIVACY, false,\n        \"The requirement is contractual");
        edit("No rule keeps this data in-house.", "Nothing in the rules keeps this data in-house.");
        JsonNode s4 = awaitStatus(s -> !s.get("rulesRevision").asText().equals(r1));
        assertThat(decide().get("rulesRevision").asText()).isEqualTo(s4.get("rulesRevision").asText());

        // every attempt is in the audit trail
        List<String> audit = Files.readAllLines(data.resolve("decisions.jsonl"));
        assertThat(audit).anySatisfy(l -> assertThat(l).contains("\"type\":\"reload\"", "\"activated\":false"));
        assertThat(audit).anySatisfy(l -> assertThat(l).contains("\"type\":\"verdict\"", r1));
    }

    /**
     * When a revision could first be served (its check began) and when it surely was (its swap was
     * done): a request may see it from the first instant, and must see it after the second.
     */
    private record Activation(String revision, Instant checkBegan, Instant swapped) {
    }

    @Test
    void twentyReloadsUnderLoadFailNoRequestAndEveryVerdictCarriesARevisionActiveAtItsTime() throws Exception {
        List<Activation> activations = Collections.synchronizedList(new ArrayList<>());
        activations.add(new Activation(status().get("rulesRevision").asText(), Instant.MIN, Instant.MIN));
        // listeners are told after the swap, so "now" here is after the new revision became active
        web.hostwise().onReload(o -> {
            if (o.activated()) {
                activations.add(new Activation(o.candidate(), o.at(), Instant.now()));
            }
        });
        record Sample(Instant start, Instant end, int status, String revision) {
        }
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(load.submit(() -> {
                // bounded: stops when the reloads are done, or after 2,000 requests per worker
                for (int i = 0; i < 2_000 && running.get(); i++) {
                    Instant start = Instant.now();
                    HttpResponse<String> r = web.postJson("/api/v1/verdicts", CONTRACTUAL);
                    Instant end = Instant.now();
                    String revision = r.statusCode() == 201 ? json.readTree(r.body()).get("rulesRevision").asText() : "";
                    samples.add(new Sample(start, end, r.statusCode(), revision));
                }
                return null;
            }));
        }
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        for (int i = 0; i < 20; i++) {
            edit(i == 0 ? "Nothing requires the data to stay in-house." : "(reload " + (i - 1) + ")",
                    "(reload " + i + ")");
            var outcome = web.hostwise().reloader().reload("test");
            assertThat(outcome.activated()).isTrue();
            seen.put(outcome.candidate(), true);
        }
        running.set(false);
        for (Future<?> w : workers) {
            w.get();
        }
        load.shutdown();

        assertThat(seen).hasSize(20);
        assertThat(samples).hasSizeGreaterThan(20);
        assertThat(samples).allSatisfy(s -> assertThat(s.status()).isEqualTo(201));
        List<Activation> timeline = new ArrayList<>(activations);
        for (Sample s : samples) {
            // the revision must have been activated before the response, and still active when the request began
            int idx = -1;
            for (int i = 0; i < timeline.size(); i++) {
                if (timeline.get(i).revision().equals(s.revision())) {
                    idx = i;
                }
            }
            assertThat(idx).as("revision %s is one that was activated", s.revision()).isGreaterThanOrEqualTo(0);
            // served only after its check began, and not to a request that began after its successor was swapped in
            assertThat(timeline.get(idx).checkBegan()).isBeforeOrEqualTo(s.end());
            if (idx + 1 < timeline.size()) {
                assertThat(timeline.get(idx + 1).swapped()).isAfterOrEqualTo(s.start());
            }
        }
    }
}
