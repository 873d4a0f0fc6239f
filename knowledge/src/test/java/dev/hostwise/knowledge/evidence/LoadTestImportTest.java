package dev.hostwise.knowledge.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.catalog.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A vLLM {@code bench serve --save-result} file read as found in the wild, the figures derived from it,
 * and every kind of bad file refused with a message naming the problem.
 */
class LoadTestImportTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final LoadTestImport importer = new LoadTestImport(CATALOG);
    private static final LoadTestImport.Configuration LLAMA_2XH100_FP8 =
            new LoadTestImport.Configuration("llama-3.3-70b", "h100-80gb", 2, Precision.FP8);

    static byte[] resource(String name) {
        try (InputStream in = LoadTestImportTest.class.getResourceAsStream("/loadtests/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    private List<String> problems(String json, LoadTestImport.Configuration c) {
        return catchThrowableOfType(LoadTestFileException.class,
                () -> importer.read(json.getBytes(StandardCharsets.UTF_8), "result.json", c, NOW)).problems();
    }

    @Test
    void theRealSampleReadsWithItsStrayColonAndUnthrottledRate() {
        // the verbatim file from import-formats.md: "request_goodput:" with a colon, request_rate "inf"
        VllmBenchResult r = VllmBenchResult.read(resource("qwen35-397b-fp8-4xb300-conc32.json"), "sample.json");
        assertThat(r.modelId()).isEqualTo("Qwen/Qwen3.5-397B-A17B-FP8");
        assertThat(r.date()).isEqualTo(LocalDate.of(2026, 5, 21));
        assertThat(r.maxConcurrency()).isEqualTo(32);
        assertThat(r.requestRate()).isNull();
        assertThat(r.completed()).isEqualTo(320);
        assertThat(r.failed()).isZero();
        assertThat(r.requestThroughput()).isCloseTo(2.0178, within(1e-4));
        assertThat(r.outputThroughput()).isCloseTo(1558.2, within(0.1));
        // mean lengths: total tokens / completed requests
        assertThat(r.meanInputTokens()).isCloseTo(243523 / 320.0, within(1e-9));
        assertThat(r.meanOutputTokens()).isCloseTo(247114 / 320.0, within(1e-9));
        assertThat(r.meanE2elMs()).isCloseTo(15320.5, within(0.1));
        assertThat(r.p99TtftMs()).isCloseTo(1063.7, within(0.1));
    }

    @Test
    void aLoadTestOfTheModelBecomesARunWithItsDerivedFigures() {
        LoadTestImport.Imported imported = importer.read(resource("llama33-70b-2xh100-fp8-conc64.json"),
                "llama33-70b-2xh100-fp8-conc64.json", LLAMA_2XH100_FP8, NOW);
        LoadTestRun r = imported.run();
        assertThat(r.evidenceId()).hasSize(64).isEqualTo(LoadTestImport.sha256(resource("llama33-70b-2xh100-fp8-conc64.json")));
        assertThat(r.measuredOn()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(r.dateFromFile()).isTrue();
        assertThat(r.importedAt()).isEqualTo(NOW);
        assertThat(r.configuration()).isEqualTo("2 x h100-80gb at FP8");
        assertThat(r.concurrency()).isEqualTo(64);
        assertThat(r.concurrencyFrom()).isEqualTo("max_concurrency");
        assertThat(r.inputTokens()).isEqualTo(900);
        assertThat(r.outputTokens()).isEqualTo(300);
        assertThat(r.requestsPerSecond()).isCloseTo(640 / 104.0, within(1e-9));
        assertThat(r.secondsPerRequest()).isCloseTo(9.9402, within(1e-9));
        assertThat(r.secondsFrom()).isEqualTo("mean_e2el_ms");
        assertThat(imported.warnings()).isEmpty();
    }

    @Test
    void theOlderClientsFileWithoutConcurrencyLimitOrEndToEndLatencyReads() {
        // benchmark_serving.py without --max-concurrency: max_concurrency null, no "failed", no e2el statistics, best_of
        LoadTestRun r = importer.read(resource("llama33-70b-2xh100-fp8-unbounded.json"), "old.json", LLAMA_2XH100_FP8, NOW).run();
        assertThat(r.failed()).isZero();
        // one request: time to first token + time per output token x (completion tokens - 1)
        assertThat(r.secondsPerRequest()).isCloseTo((612.4 + 31.2 * 299) / 1000, within(1e-9));
        assertThat(r.secondsFrom()).startsWith("mean_ttft_ms + mean_tpot_ms");
        // in flight, by Little's law: throughput x time per request
        assertThat(r.concurrency()).isEqualTo((int) Math.round(640 / 98.0 * r.secondsPerRequest()));
        assertThat(r.concurrencyFrom()).contains("Little's law", "no max_concurrency");
    }

    @Test
    void pythonsNanForAStatisticAndMissingOptionalKeysAreAccepted() {
        String json = """
                {"model_id": "meta-llama/Llama-3.3-70B-Instruct", "completed": 1, "duration": 12.5, "total_input_tokens": 900,
                 "total_output_tokens": 300, "request_throughput": 0.08, "output_throughput": 24.0, "max_concurrency": 1,
                 "std_ttft_ms": NaN, "mean_ttft_ms": 480.0, "mean_tpot_ms": 40.0, "request_goodput": null}""";
        LoadTestImport.Imported imported = importer.read(json.getBytes(StandardCharsets.UTF_8), "one.json", LLAMA_2XH100_FP8, NOW);
        // no date: the import day stands for it, and the user is told
        assertThat(imported.run().measuredOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(imported.run().dateFromFile()).isFalse();
        assertThat(imported.warnings()).anySatisfy(w -> assertThat(w).contains("no \"date\"", "2026-12-01"));
    }

    @Test
    void someFailedRequestsAreAWarningNotARefusal() {
        String json = text("llama33-70b-2xh100-fp8-conc64.json").replace("\"failed\": 0", "\"failed\": 12")
                .replace("\"completed\": 640", "\"completed\": 628");
        LoadTestImport.Imported imported = importer.read(json.getBytes(StandardCharsets.UTF_8), "r.json", LLAMA_2XH100_FP8, NOW);
        assertThat(imported.run().failed()).isEqualTo(12);
        assertThat(imported.warnings()).contains("12 of 640 requests failed; the throughput counts the 628 that completed");
    }

    @Test
    void notJsonIsNamedWithItsLineAndColumn() {
        assertThat(problems("{\"model_id\": \"x\",\n \"completed\": }", LLAMA_2XH100_FP8))
                .singleElement().asString().startsWith("result.json is not valid JSON (line 2, column").contains("vllm bench serve --save-result");
        assertThat(problems("", LLAMA_2XH100_FP8)).singleElement().asString().startsWith("result.json is empty");
        assertThat(problems("[1, 2]", LLAMA_2XH100_FP8)).singleElement().asString().contains("holds a JSON array, not a load-test result");
    }

    @Test
    void everyMissingFieldIsNamed() {
        List<String> problems = problems("{\"model_id\": \"meta-llama/Llama-3.3-70B-Instruct\", \"duration\": 10}", LLAMA_2XH100_FP8);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("has no \"completed\""))
                .anySatisfy(p -> assertThat(p).contains("has no \"total_input_tokens\""))
                .anySatisfy(p -> assertThat(p).contains("has no \"total_output_tokens\""))
                .anySatisfy(p -> assertThat(p).contains("has no \"request_throughput\""))
                .anySatisfy(p -> assertThat(p).contains("has no \"output_throughput\""))
                .allSatisfy(p -> assertThat(p).startsWith("result.json: "));
    }

    @Test
    void aWrongTypeIsNamed() {
        String json = text("llama33-70b-2xh100-fp8-conc64.json").replace("\"completed\": 640", "\"completed\": \"640\"");
        assertThat(problems(json, LLAMA_2XH100_FP8)).containsExactly("result.json: \"completed\" is the text \"640\", not a whole number");
    }

    @Test
    void zeroThroughputIsRefused() {
        String json = text("llama33-70b-2xh100-fp8-conc64.json").replaceAll("\"output_throughput\": [0-9.]+", "\"output_throughput\": 0.0")
                .replace("\"total_output_tokens\": 192000", "\"total_output_tokens\": 0");
        assertThat(problems(json, LLAMA_2XH100_FP8)).singleElement().asString().contains("the throughput is zero",
                "total_output_tokens 0");
    }

    @Test
    void everyRequestFailingIsRefusedSayingSo() {
        String json = text("llama33-70b-2xh100-fp8-conc64.json").replace("\"completed\": 640", "\"completed\": 0")
                .replace("\"failed\": 0", "\"failed\": 640");
        assertThat(problems(json, LLAMA_2XH100_FP8)).singleElement().asString()
                .contains("every request failed (completed: 0, failed: 640)");
    }

    @Test
    void aModelIdThatIsNotTheModelIsAMismatch() {
        // the real sample measured Qwen3.5, which is not Qwen3-235B
        List<String> problems = catchThrowableOfType(LoadTestFileException.class, () -> importer.read(
                resource("qwen35-397b-fp8-4xb300-conc32.json"), "sample.json",
                new LoadTestImport.Configuration("qwen3-235b-a22b", "b200", 4, Precision.FP8), NOW)).problems();
        assertThat(problems).singleElement().asString().isEqualTo("sample.json: its model_id 'Qwen/Qwen3.5-397B-A17B-FP8' is not"
                + " qwen3-235b-a22b (Qwen/Qwen3-235B-A22B, nvidia/Qwen3-235B-A22B-FP8, nvidia/Qwen3-235B-A22B-FP4): import it with"
                + " the --model it served, or load-test qwen3-235b-a22b");
    }

    @Test
    void theModelIdMayNameACheckpointACommunityQuantisationOrALocalCopy() {
        var llama = CATALOG.openModel("llama-3.3-70b").orElseThrow();
        assertThat(LoadTestImport.servesModel(llama, "meta-llama/Llama-3.3-70B-Instruct")).isTrue();
        assertThat(LoadTestImport.servesModel(llama, "nvidia/Llama-3.3-70B-Instruct-FP8")).isTrue();
        assertThat(LoadTestImport.servesModel(llama, "RedHatAI/Meta-Llama-3.3-70B-Instruct-FP8-dynamic")).isTrue();
        assertThat(LoadTestImport.servesModel(llama, "/models/Llama-3.3-70B-Instruct")).isTrue();
        assertThat(LoadTestImport.servesModel(llama, "meta-llama/Llama-3.1-70B-Instruct")).isFalse();
        assertThat(LoadTestImport.servesModel(llama, "meta-llama/Llama-3.3-70B-Instruct-abliterated2")).isTrue();
        var qwen8 = CATALOG.openModel("qwen3-8b").orElseThrow();
        assertThat(LoadTestImport.servesModel(qwen8, "Qwen/Qwen3-8B-FP8")).isTrue();
        assertThat(LoadTestImport.servesModel(qwen8, "Qwen/Qwen3-80B")).isFalse();
    }

    @Test
    void theConfigurationIsCheckedAgainstTheCatalogToo() {
        List<String> problems = catchThrowableOfType(LoadTestFileException.class, () -> importer.read(
                resource("llama33-70b-2xh100-fp8-conc64.json"), "r.json",
                new LoadTestImport.Configuration("llama-3.3-70", "h100", 0, Precision.FP8), NOW)).problems();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("--model 'llama-3.3-70' is not an open model in the catalog;"
                + " did you mean llama-3.3-70b?"))
                .anySatisfy(p -> assertThat(p).startsWith("--gpu 'h100' is not a GPU in the catalog"))
                .anySatisfy(p -> assertThat(p).startsWith("--gpus 0 is out of range"));
        // a precision the GPU cannot compute cannot have been measured on it
        assertThat(catchThrowableOfType(LoadTestFileException.class, () -> importer.read(resource("llama33-70b-2xh100-fp8-conc64.json"),
                "r.json", new LoadTestImport.Configuration("llama-3.3-70b", "a100-80gb", 2, Precision.FP8), NOW)).problems())
                .containsExactly("--precision FP8 needs FP8 compute, which a100-80gb lacks: the load test cannot have run so;"
                        + " check --gpu and --precision");
    }

    @Test
    void withoutPrecisionTheCheckpointNamedByModelIdDecides() {
        String fp8 = text("llama33-70b-2xh100-fp8-conc64.json").replace("\"model_id\": \"meta-llama/Llama-3.3-70B-Instruct\"",
                "\"model_id\": \"nvidia/Llama-3.3-70B-Instruct-FP8\"");
        LoadTestImport.Imported imported = importer.read(fp8.getBytes(StandardCharsets.UTF_8), "r.json",
                new LoadTestImport.Configuration("llama-3.3-70b", "h100-80gb", 2, null), NOW);
        assertThat(imported.run().precision()).isEqualTo(Precision.FP8);
        assertThat(imported.warnings()).anySatisfy(w -> assertThat(w).startsWith("no --precision given: FP8"));
        // the model's own repository: its 16-bit weights
        assertThat(importer.read(resource("llama33-70b-2xh100-fp8-conc64.json"), "r.json",
                new LoadTestImport.Configuration("llama-3.3-70b", "h100-80gb", 2, null), NOW).run().precision()).isEqualTo(Precision.BF16);
    }

    @Test
    void aGuideLlmReportIsRecognisedAndRefused() {
        assertThat(problems("{\"metadata\": {\"version\": 2}, \"benchmarks\": []}", LLAMA_2XH100_FP8)).singleElement().asString()
                .contains("looks like a GuideLLM report");
    }
}
