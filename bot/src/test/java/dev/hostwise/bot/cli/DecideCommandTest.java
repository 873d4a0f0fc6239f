package dev.hostwise.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.store.StoredVerdict;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecideCommandTest {

    @Test
    void flagsGiveAReadableVerdictWithTheFigures() {
        CliRun run = CliRun.of("decide", "--requests-per-day", "103680", "--task", "CLASSIFICATION",
                "--quality", "GOOD_ENOUGH", "--privacy", "MUST_STAY_IN_HOUSE");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("STAY ON THE HOSTED API\nHW-")
                .contains("[ ] VOLUME", "[x] QUALITY", "[x] PRIVACY")
                .contains("hostedPerRequest", "$0.00240", "selfHostAllInPerDay", "$428.80",
                        "breakEvenWithOpsRequestsPerHour", "7,853 req/h", "190,667 req/day")
                .contains("volume.drl: Volume fails when the hosted API costs no more than self-hosting all-in");
    }

    @Test
    void theVerdictSaysHowSureItsCostCaseIsInOneLineAndTakesRangesAndGrowthAsFlags() {
        CliRun run = CliRun.of("decide", "--requests-per-day", "250000", "--task", "CLASSIFICATION", "--quality", "GOOD_ENOUGH",
                "--privacy", "MUST_STAY_IN_HOUSE", "--throughput-measured", "--volume-growth-per-month", "-5%",
                "--ranges", "opsCostPerMonth=10000..14000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the second line after the ID: how sure, then the conditions
        assertThat(run.out().lines().toList().get(2)).matches("How sure: Self-hosting is cheaper in \\d+% of plausible cases .*");
        assertThat(run.out()).startsWith("MEASURE FIRST").contains("The measurement that would narrow the range most: measure the traffic");
        CliRun bad = CliRun.of("decide", "--requests-per-day", "250000", "--task", "CLASSIFICATION", "--quality", "GOOD_ENOUGH",
                "--privacy", "MUST_STAY_IN_HOUSE", "--ranges", "utilization=0.5..0.2");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("ranges (--ranges) utilization [0.5, 0.2] is reversed: give the low end first");
    }

    @Test
    void aBadPortIsNamedBeforeAnyWorkIsDone(@TempDir Path data) {
        CliRun run = CliRun.run(new dev.hostwise.bot.Env(java.util.Map.of("PORT", "abc", "HOSTWISE_DATA_DIR", data.toString())),
                null, "decide", "--requests-per-day", "103680", "--task", "CLASSIFICATION",
                "--quality", "GOOD_ENOUGH", "--privacy", "MUST_STAY_IN_HOUSE");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("hostwise decide: PORT must be a whole number from 1 to 65535; it is 'abc'\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void jsonOutputIsTheVerdictContract() throws Exception {
        CliRun run = CliRun.of("decide", "--json", "--requests-per-day", "1000000", "--task", "CLASSIFICATION",
                "--quality", "GOOD_ENOUGH", "--privacy", "MUST_STAY_IN_HOUSE", "--throughput-measured");
        assertThat(run.exitCode()).isZero();
        JsonNode v = new ObjectMapper().readTree(run.out());
        assertThat(v.get("id").asText()).matches("HW-\\d{4}-\\d{4}");
        assertThat(v.get("recommendation").asText()).isEqualTo("SELF_HOST");
        assertThat(v.at("/conditions/VOLUME/holds").asBoolean()).isTrue();
        assertThat(v.at("/conditions/PRIVACY/reason").asText()).isNotBlank();
        assertThat(v.at("/figures/hostedPerDay").asDouble()).isEqualTo(2400.0);
        assertThat(v.at("/figures/breakEvenRequestsPerHour").asDouble()).isEqualTo(500.0);
        assertThat(v.get("firedRules").get(0).has("file")).isTrue();
        assertThat(v.get("rulesRevision").asText()).hasSize(12);
        assertThat(v.at("/scenario/utilization").asDouble()).isEqualTo(0.30);
        assertThat(v.at("/scenario/throughputMeasured").asBoolean()).isTrue();
        assertThat(v.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(v.has("caveats")).isTrue();
        assertThat(v.has("reasons")).isTrue();
    }

    @Test
    void aScenarioFileAndStdinWorkAndFlagsOverrideThem(@TempDir Path dir) throws Exception {
        String json = "{\"requestsPerDay\": 50000, \"taskType\": \"EXTRACTION\", \"qualityNeed\": \"GOOD_ENOUGH\","
                + " \"privacyNeed\": \"NONE\"}";
        Path file = dir.resolve("s.json");
        Files.writeString(file, json);
        CliRun fromFile = CliRun.of("decide", "--json", "--scenario", file.toString(), "--requests-per-day", "70000");
        assertThat(fromFile.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(fromFile.out()).at("/scenario/requestsPerDay").asDouble()).isEqualTo(70000);

        CliRun fromStdin = CliRun.withStdin(json, "decide", "--scenario", "-");
        assertThat(fromStdin.exitCode()).isZero();
        assertThat(fromStdin.out()).startsWith("STAY ON THE HOSTED API");
    }

    @Test
    void badInputExitsTwoWithOneLinePerField() {
        CliRun run = CliRun.of("decide", "--requests-per-day", "-5", "--utilization", "1.5", "--task", "POETRY",
                "--quality", "GOOD_ENOUGH");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                "hostwise decide: requestsPerDay (--requests-per-day) -5 is below the limit of 0.001: a positive number of requests per day, e.g. 50000",
                "hostwise decide: utilization (--utilization) 1.5 is above the limit of 1: a fraction above 0 and at most 1, e.g. 0.3 (30% also works in text)",
                "hostwise decide: taskType (--task-type) 'POETRY' is not allowed: one of CLASSIFICATION, EXTRACTION, STRUCTURED_SUMMARIZATION, RAG_QA, CODE_GENERATION, OPEN_ENDED_REASONING, LONG_INSTRUCTIONS, CREATIVE_WRITING, AGENTIC_TOOL_USE",
                "hostwise decide: privacyNeed (--privacy-need) is required: one of NONE, CONTRACTUAL, MUST_STAY_IN_HOUSE");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void badInputNeverOpensTheStore(@TempDir Path data) {
        CliRun run = CliRun.run(CliRun.env().with("HOSTWISE_DATA_DIR", data.toString()), null,
                "decide", "--requests-per-day", "-5", "--task", "CLASSIFICATION", "--quality", "GOOD_ENOUGH",
                "--privacy", "NONE");
        assertThat(run.exitCode()).isEqualTo(2);
        // the database is opened once there is a verdict to save; a refused scenario leaves no file behind
        assertThat(data.resolve("hostwise.mv.db")).doesNotExist();
    }

    @Test
    void aScenarioFileIsReadAsStrictlyAsTheApi(@TempDir Path dir) throws Exception {
        String base = "\"requestsPerDay\": 100000, \"taskType\": \"CLASSIFICATION\", \"qualityNeed\": \"GOOD_ENOUGH\","
                + " \"privacyNeed\": \"NONE\"";
        java.nio.file.Files.writeString(dir.resolve("two.json"), "{" + base + "}{" + base + "}");
        CliRun two = CliRun.of("decide", "--scenario", dir.resolve("two.json").toString());
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("--scenario", "is not valid JSON (line 1, column",
                "there is more after the first value; send one JSON object and nothing after it");
        java.nio.file.Files.writeString(dir.resolve("dup.json"), "{" + base + ", \"requestsPerDay\": 1e9}");
        CliRun dup = CliRun.of("decide", "--scenario", dir.resolve("dup.json").toString());
        assertThat(dup.exitCode()).isEqualTo(2);
        assertThat(dup.err()).contains("the key 'requestsPerDay' is given twice").doesNotContain("Exception");
    }

    @Test
    void aMissingOrBrokenScenarioFileIsBadInput(@TempDir Path dir) throws Exception {
        CliRun missing = CliRun.of("decide", "--scenario", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--scenario", "does not exist");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"requestsPerDay\": 5,,}");
        CliRun bad = CliRun.of("decide", "--scenario", broken.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("is not valid JSON (line 1");
    }

    @Test
    void chartsAreWrittenWhenAsked(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("decide", "--charts", dir.toString(), "--requests-per-day", "50000", "--task", "RAG_QA",
                "--quality", "GOOD_ENOUGH", "--privacy", "NONE");
        assertThat(run.exitCode()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .hasSize(2).allMatch(n -> n.matches("HW-\\d{4}-\\d{4}-(break-even|tornado)\\.png"));
        }
    }

    @Test
    void helpListsEveryScenarioFlag() {
        CliRun run = CliRun.of("decide", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("--requests-per-day", "--task", "--throughput-measured", "--json", "--charts");
    }

    @Test
    void unknownFlagIsAUsageError() {
        CliRun run = CliRun.of("decide", "--requests-per-dya", "5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'--requests-per-dya'", "Possible solutions: --requests-per-day");
    }

    @Test
    void aVerdictIsStoredAndItsLinkIsPrinted() {
        CliRun run = CliRun.of("decide", "--requests-per-day", "100000", "--task", "CLASSIFICATION",
                "--quality", "GOOD_ENOUGH", "--privacy", "MUST_STAY_IN_HOUSE");
        assertThat(run.exitCode()).isZero();
        String link = run.out().lines().filter(l -> l.startsWith("Link: ")).findFirst().orElseThrow().substring(6);
        assertThat(link).matches("http://localhost:3000/v/[A-Za-z0-9_-]{24}");
        String id = run.out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];

        try (Hostwise hw = Hostwise.start(CliRun.env(), Optional.empty(), Clock.systemUTC())) {
            StoredVerdict stored = hw.store().byToken(link.substring(link.lastIndexOf('/') + 1)).orElseThrow();
            assertThat(stored.id()).isEqualTo(id);
            assertThat(stored.requester().platform().id()).isEqualTo("cli");
        }
    }

    @Test
    void withJsonTheLinkGoesToStderrAndStdoutStaysJson() throws Exception {
        CliRun run = CliRun.run(CliRun.env().with("HOSTWISE_BASE_URL", "https://hostwise.example.com/"), null,
                "decide", "--json", "--requests-per-day", "5000", "--task", "EXTRACTION",
                "--quality", "GOOD_ENOUGH", "--privacy", "NONE");
        assertThat(run.exitCode()).isZero();
        String id = new ObjectMapper().readTree(run.out()).get("id").asText();
        assertThat(run.err().strip()).matches("hostwise decide: saved as " + id + ": https://hostwise.example.com/v/[A-Za-z0-9_-]{24}");
    }

    @Test
    void whenTheDatabaseIsDownTheVerdictIsStillPrintedWithAOneLineNotice() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CliRun run = CliRun.run(CliRun.env().with("HOSTWISE_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/hostwise"),
                null, "decide", "--requests-per-day", "100000", "--task", "CLASSIFICATION",
                "--quality", "GOOD_ENOUGH", "--privacy", "MUST_STAY_IN_HOUSE");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("STAY ON THE HOSTED API\nHW-").doesNotContain("Link:");
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("hostwise decide: not saved: the verdict store (PostgreSQL at jdbc:postgresql://127.0.0.1:"
                        + closedPort + "/hostwise) is unavailable: ")
                .doesNotContain("Exception");
    }
}
