package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.fuzz.HostileInputs;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated hostile input over real HTTP on loopback, against the real server and store: JSON bodies for
 * the API and form posts for the web form. Every answer is a 201/303 with a stored verdict or a 400
 * naming fields; never a 5xx; and the store holds exactly the verdicts that were accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHttpInputTest {

    private static final long SEED = 20261201L;

    @TempDir
    static Path dataDir;

    private WebFixture web;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() {
        web = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString())), true);
    }

    @AfterAll
    void stop() {
        web.close();
    }

    @Test
    void generatedJsonBodiesGet201Or400AndOnlyThe201sAreStored() throws Exception {
        int before = stored();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(150).withShrinkCycles(20).forAll(HostileInputs.scenarioJson())
                .checkAssert(body -> {
                    HttpResponse<String> r = call(() -> web.postJson("/api/v1/verdicts", body));
                    assertThat(r.statusCode()).as(body).isIn(201, 400);
                    JsonNode answer = parse(r.body());
                    if (r.statusCode() == 201) {
                        assertThat(answer.get("id").asText()).matches("HW-\\d{4}-\\d{4}");
                        created.incrementAndGet();
                    } else {
                        assertThat(answer.get("errors")).as(body).isNotEmpty();
                        answer.get("errors").forEach(e -> assertThat(e.get("message").asText()).isNotBlank()
                                .doesNotContain("Exception"));
                        refused.incrementAndGet();
                    }
                });
        assertThat(created.get()).isPositive();
        assertThat(refused.get()).isPositive();
        assertThat(stored() - before).isEqualTo(created.get());
    }

    @Test
    void generatedFormPostsGet303Or400AndOnlyThe303sAreStored() throws Exception {
        int before = stored();
        AtomicInteger created = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(100).withShrinkCycles(20).forAll(HostileInputs.typedValues())
                .checkAssert(values -> {
                    String body = values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
                    HttpResponse<String> r = call(() -> web.post("/", "application/x-www-form-urlencoded", body));
                    assertThat(r.statusCode()).as(values.toString()).isIn(303, 400);
                    if (r.statusCode() == 303) {
                        created.incrementAndGet();
                    } else {
                        // the page shows the errors and keeps what was typed, escaped: no markup of the user's gets in
                        assertThat(r.body()).as(values.toString()).contains("class=\"error\"").doesNotContain("<https://evil");
                    }
                });
        assertThat(created.get()).isPositive();
        assertThat(stored() - before).isEqualTo(created.get());
    }

    private interface Call {
        HttpResponse<String> run() throws Exception;
    }

    private static HttpResponse<String> call(Call c) {
        try {
            return c.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private int stored() throws Exception {
        return web.hostwise().store().recent(500).size();
    }
}
