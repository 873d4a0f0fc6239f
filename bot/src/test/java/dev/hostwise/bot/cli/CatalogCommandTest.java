package dev.hostwise.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.catalog.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostwise catalog export} and {@code hostwise catalog import-prices}, run as a user would, on a
 * real-format LiteLLM price file (entries from LiteLLM @00035b69, knowledge/src/test/resources/litellm/).
 */
class CatalogCommandTest {

    @TempDir
    Path tmp;

    static String sample() throws IOException {
        Path p = Path.of("..", "knowledge", "src", "test", "resources", "litellm", "model_prices_and_context_window.sample.json");
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path pricesWith(String from, String to) throws IOException {
        String text = sample();
        assertThat(text).contains(from);
        Path file = tmp.resolve("model_prices_and_context_window.json");
        Files.writeString(file, text.replace(from, to));
        return file;
    }

    private Path exported() {
        Path dir = tmp.resolve("catalog");
        CliRun r = CliRun.of("catalog", "export", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return dir;
    }

    @Test
    void exportCopiesEveryCatalogFileOutAndRefusesToOverwrite() throws IOException {
        Path dir = tmp.resolve("catalog");
        CliRun r = CliRun.of("catalog", "export", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Copied the bundled catalog into " + dir, "HOSTWISE_CATALOG_DIR=" + dir);
        for (String f : Catalog.files()) {
            assertThat(Files.readString(dir.resolve(f))).isEqualTo(Catalog.bundledText(f));
        }
        CliRun again = CliRun.of("catalog", "export", dir.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).startsWith("hostwise catalog export: " + dir.resolve(Catalog.files().get(0)) + " already exists");
    }

    @Test
    void aDryRunPrintsOldAndNewPricesAndChangesNothing() throws IOException {
        Path dir = exported();
        Path prices = pricesWith("\"input_cost_per_token\": 4e-07,\n        \"input_cost_per_token_batches\": 2e-07,\n        \"input_cost_per_token_priority\"",
                "\"input_cost_per_token\": 3.5e-07,\n        \"input_cost_per_token_batches\": 2e-07,\n        \"input_cost_per_token_priority\"");
        String before = Files.readString(dir.resolve(Catalog.HOSTED_MODELS));
        CliRun r = CliRun.of("catalog", "import-prices", prices.toString(), "--catalog", dir.toString(), "--as-of", "2027-01-15");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Changed: 1", "~ gpt-4.1-mini", "input $0.40 -> $0.35 per 1M",
                "New: 0", "Removed (their key is no longer in the file): 0",
                "Unchanged: 35 rows, seen again at the same prices (asOf becomes 2027-01-15)",
                "Skipped 22 entries: dated snapshots of a listed alias 7, deprecated 4",
                "Nothing written: add --write to update " + dir.resolve(Catalog.HOSTED_MODELS));
        assertThat(Files.readString(dir.resolve(Catalog.HOSTED_MODELS))).isEqualTo(before);
    }

    @Test
    void writeUpdatesTheCatalogDirectoryAndStampsAsOfAndSource() throws IOException {
        Path dir = exported();
        Path prices = pricesWith("\"input_cost_per_token\": 4e-07,\n        \"input_cost_per_token_batches\": 2e-07,\n        \"input_cost_per_token_priority\"",
                "\"input_cost_per_token\": 3.5e-07,\n        \"input_cost_per_token_batches\": 2e-07,\n        \"input_cost_per_token_priority\"");
        CliRun r = CliRun.of("catalog", "import-prices", prices.toString(), "--catalog", dir.toString(), "--as-of", "2027-01-15",
                "--provider", "openai", "--write");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote " + dir.resolve(Catalog.HOSTED_MODELS) + ": 0 new, 1 changed, 0 removed");
        Catalog c = Catalog.fromDirectory(dir);
        var mini = c.hostedModel("gpt-4.1-mini").orElseThrow();
        assertThat(mini.inputPer1M()).isEqualTo(0.35);
        assertThat(mini.asOf().text()).isEqualTo("2027-01-15");
        assertThat(mini.source()).matches("LiteLLM model_prices_and_context_window.json sha256:[0-9a-f]{64}");
        // only OpenAI was read: Anthropic's rows keep their stamp
        assertThat(c.hostedModel("claude-sonnet-4.5").orElseThrow().asOf().text()).isEqualTo("2026-11-30");
        // hand-written anchors keep their prices
        assertThat(c.hostedModel("gpt-3.5-turbo").orElseThrow().inputPer1M()).isEqualTo(1.50);
        assertThat(c.date()).isEqualTo(java.time.LocalDate.of(2027, 1, 15));

        CliRun commit = CliRun.of("catalog", "import-prices", prices.toString(), "--catalog", dir.toString(), "--as-of", "2027-01-16",
                "--commit", "00035B69F416", "--write");
        assertThat(commit.exitCode()).as(commit.err()).isZero();
        assertThat(Catalog.fromDirectory(dir).hostedModel("gpt-4.1-mini").orElseThrow().source())
                .isEqualTo("LiteLLM model_prices_and_context_window.json @00035b69f416");
    }

    @Test
    void writeWithoutACatalogDirectoryRefusesAndSaysHowToGetOne() throws IOException {
        Path prices = pricesWith("\"gpt-5\"", "\"gpt-5\"");
        CliRun r = CliRun.of("catalog", "import-prices", prices.toString(), "--write");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("hostwise catalog import-prices: --write needs a catalog directory to update",
                "--catalog DIR or set HOSTWISE_CATALOG_DIR", "./hostwise catalog export DIR");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMalformedFileGetsFileAndLineAndChangesNothing() throws IOException {
        Path dir = exported();
        String before = Files.readString(dir.resolve(Catalog.HOSTED_MODELS));
        Path prices = pricesWith("\"output_cost_per_token\": 2e-06\n", "\"output_cost_per_token\": \"two dollars\"\n");
        int line = lineOf(Files.readString(prices), "two dollars");
        CliRun r = CliRun.of("catalog", "import-prices", prices.toString(), "--catalog", dir.toString(), "--write");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("hostwise catalog import-prices: " + prices + ":" + line
                + ": \"gpt-5-mini\".output_cost_per_token is the text \"two dollars\", not a number");
        assertThat(r.err()).contains("nothing was changed").doesNotContain("Exception");
        assertThat(Files.readString(dir.resolve(Catalog.HOSTED_MODELS))).isEqualTo(before);

        Path truncated = tmp.resolve("truncated.json");
        Files.writeString(truncated, sample().substring(0, 5000));
        CliRun cut = CliRun.of("catalog", "import-prices", truncated.toString(), "--catalog", dir.toString(), "--write");
        assertThat(cut.exitCode()).isEqualTo(2);
        assertThat(cut.err()).matches("(?s)hostwise catalog import-prices: " + java.util.regex.Pattern.quote(truncated.toString())
                + ":\\d+: not valid JSON: .*");
        assertThat(Files.readString(dir.resolve(Catalog.HOSTED_MODELS))).isEqualTo(before);
    }

    @Test
    void aResultThatWouldNotLoadIsRefusedWithItsLineAndTheOldFileStays() throws IOException {
        Path dir = exported();
        // a hand edit elsewhere in the directory broke it: the import must not make things worse or hide it
        Path gpus = dir.resolve(Catalog.GPUS);
        Files.writeString(gpus, Files.readString(gpus).replaceFirst("memoryGB: ", "memoryGB: -"));
        String before = Files.readString(dir.resolve(Catalog.HOSTED_MODELS));
        Path prices = pricesWith("\"gpt-5\"", "\"gpt-5\"");
        CliRun r = CliRun.of("catalog", "import-prices", prices.toString(), "--catalog", dir.toString(), "--write");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("hostwise catalog import-prices: catalog: gpus.yaml:", "memoryGB must be a positive number",
                "nothing was changed");
        assertThat(Files.readString(dir.resolve(Catalog.HOSTED_MODELS))).isEqualTo(before);
    }

    @Test
    void badOptionsAreNamedWithTheFix() throws IOException {
        Path prices = pricesWith("\"gpt-5\"", "\"gpt-5\"");
        CliRun r = CliRun.of("catalog", "import-prices", prices.toString(), "--as-of", "last tuesday", "--commit", "main");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--as-of 'last tuesday' is not a day: write the day the prices were seen, e.g. 2026-11-30",
                "--commit 'main' is not a git commit: give its hash, 7 to 40 hex digits");
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }
}
