package dev.hostwise.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostwise measure import} end to end: the real command line, the real store on H2, then the real
 * {@code decide} and {@code replay} on the same data directory.
 */
class MeasureImportCommandTest {

    static final String[] IMPORT = {"--model", "llama-3.3-70b", "--gpu", "h100-80gb", "--gpus", "2", "--precision", "FP8"};
    /** The question the load test answers: 2 x H100 at FP8, 900 prompt and 300 completion tokens. */
    static final String[] DECIDE = {"decide", "--requests-per-day", "2000000", "--open-model", "llama-3.3-70b", "--gpu-type",
        "h100-80gb", "--gpus-per-replica", "2", "--precision", "FP8", "--hosted-model", "gpt-4o", "--input-tokens", "900",
        "--output-tokens", "300", "--task", "CLASSIFICATION", "--quality", "GOOD_ENOUGH", "--privacy", "MUST_STAY_IN_HOUSE"};

    @TempDir
    Path data;
    @TempDir
    Path files;

    private Env env;

    @BeforeEach
    void env() {
        env = new Env(Map.of("HOSTWISE_DATA_DIR", data.toString()));
    }

    static String resource(String name) {
        try (InputStream in = MeasureImportCommandTest.class.getResourceAsStream("/loadtests/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String name, String text) throws IOException {
        Path p = files.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private CliRun run(String... args) {
        return CliRun.run(env, null, args);
    }

    private CliRun importFile(Path p, String... options) {
        String[] args = new String[3 + options.length];
        args[0] = "measure";
        args[1] = "import";
        args[2] = p.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return run(args);
    }

    @Test
    void aLoadTestIsImportedOnceAndALaterDecisionUsesItAsMeasured() throws Exception {
        Path result = file("llama.json", resource("llama33-70b-2xh100-fp8-conc64.json"));
        // before: the throughput is the estimate, so all three conditions only give "measure first"
        CliRun before = run(DECIDE);
        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(before.out()).startsWith("MEASURE FIRST").contains("(estimated)", "Load test to run",
                "$ ./hostwise measure import hostwise-llama-3.3-70b-2xh100-80gb-fp8.json --model llama-3.3-70b --gpu h100-80gb"
                        + " --gpus 2 --precision FP8");

        CliRun imported = importFile(result, IMPORT);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).isEmpty();
        assertThat(imported.out()).startsWith("Imported load test sha256:")
                .contains("configuration  llama-3.3-70b on 2 x h100-80gb at FP8", "measured on    2026-11-20 (the file's date)",
                        "in flight      64 requests (max_concurrency)", "900 prompt and 300 completion tokens per request on average",
                        "throughput     6.15 requests/s per replica, 1,846 output tokens/s",
                        "latency        9.94 s per request (mean_e2el_ms)",
                        "prompts of 720 to 1,200 tokens and completions of 240 to 400 tokens now use 6.15 requests/s");

        CliRun again = importFile(result, IMPORT);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("Already imported (nothing changed): load test sha256:");

        CliRun after = run(DECIDE);
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.out()).startsWith("SELF-HOST").contains("6.15 req/s (measured)", "throughputEvidence",
                "is measured: load test sha256:").doesNotContain("Load test to run");
        CliRun json = run(concat(DECIDE, "--json"));
        assertThat(json.out()).contains("\"throughputSource\" : \"measured\"", "\"evidenceId\" : \"",
                "\"measuredOn\" : \"2026-11-20\"");
    }

    @Test
    void replayCountsTodaysEvidenceButItsOwnRevisionOnlyWhatTheVerdictSaw() throws Exception {
        CliRun before = run(DECIDE);
        String id = before.out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
        assertThat(id).startsWith("HW-");
        assertThat(importFile(file("llama.json", resource("llama33-70b-2xh100-fp8-conc64.json")), IMPORT).exitCode()).isZero();
        CliRun today = run("replay", id);
        assertThat(today.exitCode()).as(today.err()).isZero();
        assertThat(today.out()).contains("replayed now on rules", "Self-host");
        CliRun own = run("replay", id, "--own-revision");
        assertThat(own.exitCode()).as(own.err()).isZero();
        assertThat(own.out()).contains("nothing changed");
    }

    @Test
    void notJsonIsRefusedAndNothingIsStored() throws Exception {
        CliRun run = importFile(file("bad.json", "Successful requests: 320\nBenchmark duration (s): 158.59\n"), IMPORT);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("hostwise measure import: bad.json is not valid JSON (line 1, column")
                .endsWith("hostwise measure import: nothing was stored\n");
        assertNothingStored();
    }

    @Test
    void missingFieldsAreEachNamed() throws Exception {
        CliRun run = importFile(file("partial.json", "{\"model_id\": \"meta-llama/Llama-3.3-70B-Instruct\", \"completed\": 10,"
                + " \"duration\": 5.0}"), IMPORT);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("partial.json: has no \"total_input_tokens\"", "partial.json: has no \"total_output_tokens\"",
                "partial.json: has no \"request_throughput\"", "partial.json: has no \"output_throughput\"");
        assertNothingStored();
    }

    @Test
    void zeroThroughputIsRefused() throws Exception {
        String zero = resource("llama33-70b-2xh100-fp8-conc64.json").replaceAll("\"request_throughput\": [0-9.]+",
                "\"request_throughput\": 0");
        CliRun run = importFile(file("zero.json", zero), IMPORT);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("zero.json: the throughput is zero (request_throughput 0.0");
        assertNothingStored();
    }

    @Test
    void everyRequestFailingIsRefused() throws Exception {
        String failed = resource("llama33-70b-2xh100-fp8-conc64.json").replace("\"completed\": 640", "\"completed\": 0")
                .replace("\"failed\": 0", "\"failed\": 640");
        CliRun run = importFile(file("failed.json", failed), IMPORT);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("failed.json: every request failed (completed: 0, failed: 640)");
        assertNothingStored();
    }

    @Test
    void aModelMismatchIsRefused() throws Exception {
        // the real sample: Qwen3.5-397B, imported as another model
        CliRun run = importFile(file("qwen.json", resource("qwen35-397b-fp8-4xb300-conc32.json")), "--model", "qwen3-235b-a22b",
                "--gpu", "b200", "--gpus", "4", "--precision", "FP8");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("qwen.json: its model_id 'Qwen/Qwen3.5-397B-A17B-FP8' is not qwen3-235b-a22b");
        assertNothingStored();
    }

    @Test
    void badOptionsAndAMissingFileAreNamed() throws Exception {
        CliRun unknown = importFile(file("llama.json", resource("llama33-70b-2xh100-fp8-conc64.json")), "--model", "llama-3.3-70b",
                "--gpu", "h100", "--gpus", "2");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--gpu 'h100' is not a GPU in the catalog");
        CliRun precision = importFile(files.resolve("llama.json"), "--model", "llama-3.3-70b", "--gpu", "h100-80gb", "--gpus", "2",
                "--precision", "FP9");
        assertThat(precision.err()).isEqualTo("hostwise measure import: --precision 'FP9' is not one of FP16, BF16, FP8, INT8,"
                + " INT4, FP4, MXFP4\n");
        CliRun missing = importFile(files.resolve("nope.json"), IMPORT);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("hostwise measure import: file '" + files.resolve("nope.json") + "' does not exist\n");
        CliRun noModel = run("measure", "import", files.resolve("llama.json").toString(), "--gpu", "h100-80gb", "--gpus", "2");
        assertThat(noModel.exitCode()).isEqualTo(2);
        assertThat(noModel.err()).contains("Missing required option: '--model=ID'");
        assertNothingStored();
    }

    @Test
    void theSameFileCannotBeEvidenceForTwoConfigurations() throws Exception {
        Path result = file("llama.json", resource("llama33-70b-2xh100-fp8-conc64.json"));
        assertThat(importFile(result, IMPORT).exitCode()).isZero();
        CliRun other = importFile(result, "--model", "llama-3.3-70b", "--gpu", "h200", "--gpus", "2", "--precision", "FP8");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("was imported on", "as a load test of llama-3.3-70b on 2 x h100-80gb at FP8; it cannot also be"
                + " evidence for llama-3.3-70b on 2 x h200 at FP8", "nothing was stored");
    }

    @Test
    void theOlderClientsFileReadsFromStdin() {
        CliRun run = CliRun.run(env, resource("llama33-70b-2xh100-fp8-unbounded.json"),
                concat(new String[] {"measure", "import", "-"}, IMPORT));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("file           stdin", "(request_throughput x seconds per request (Little's law)");
    }

    private void assertNothingStored() {
        // a decision afterwards still estimates: no load test was kept
        CliRun after = run(DECIDE);
        assertThat(after.out()).startsWith("MEASURE FIRST").contains("(estimated)");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
