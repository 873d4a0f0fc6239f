package dev.hostwise.knowledge.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports edit hosted-models.yaml in place: header, comments and hand-written rows survive every write. */
class HostedModelsFileTest {

    @TempDir
    Path dir;

    private static PriceImportPlan plan(String json, String bundledText, PriceImport.Stamp stamp) throws IOException {
        Path tmp = Files.createTempDirectory("hosted");
        for (String f : Catalog.files()) {
            Files.writeString(tmp.resolve(f), f.equals(Catalog.HOSTED_MODELS) ? bundledText : Catalog.bundledText(f));
        }
        List<HostedModel> rows = List.copyOf(Catalog.fromDirectory(tmp).hostedModels());
        return new PriceImport(LiteLlmPriceFile.parse("prices.json", json.getBytes(StandardCharsets.UTF_8)),
                PriceImport.DEFAULT_PROVIDERS, stamp).against(rows);
    }

    private static String sample() {
        return new String(PriceImportTest.sample(), StandardCharsets.UTF_8);
    }

    @Test
    void reimportingTheFileTheCatalogCameFromChangesNotOneByte() throws IOException {
        String bundled = Catalog.bundledText(Catalog.HOSTED_MODELS);
        PriceImportPlan p = plan(sample(), bundled, PriceImportTest.BUNDLED_STAMP);
        assertThat(HostedModelsFile.apply(bundled, p)).isEqualTo(bundled);
    }

    @Test
    void aWriteKeepsTheHeaderTheCommentsAndEveryHandWrittenRowVerbatim() throws IOException {
        String bundled = Catalog.bundledText(Catalog.HOSTED_MODELS)
                // an admin's own comment between two rows, and a hand-written row in their own layout
                .replace("  - id: gpt-4o\n", "  # our negotiated rates start below\n  - id: gpt-4o\n")
                .replace("entries:\n", "entries:\n  - {id: our-gateway, name: \"Internal gateway\", provider: Us, inputPer1M: 0.1,"
                        + " outputPer1M: 0.2, asOf: \"2026-10\", confidence: high, source: \"finance, 2026-10\"}\n");
        String json = sample()
                .replace("\"input_cost_per_token\": 5e-08,\n        \"litellm_provider\": \"openai\",",
                        "\"input_cost_per_token\": 4e-08,\n        \"litellm_provider\": \"openai\",")
                .replaceAll("(?s)    \"mistral/codestral-latest\": \\{.*?\\n    \\},\\n", "")
                .replace("    \"gpt-5.6\": {", "    \"gpt-5.7\": {\n        \"input_cost_per_token\": 6e-06,\n"
                        + "        \"litellm_provider\": \"openai\",\n        \"mode\": \"chat\",\n"
                        + "        \"output_cost_per_token\": 3.6e-05\n    },\n    \"gpt-5.6\": {");
        PriceImport.Stamp stamp = new PriceImport.Stamp(AsOf.parse("2027-02-01"), "LiteLLM prices.json sha256:0123");
        PriceImportPlan p = plan(json, bundled, stamp);
        // with codestral-latest gone, its dated snapshot has no listed alias and becomes a row of its own
        assertThat(p.added()).extracting(HostedModel::id).containsExactlyInAnyOrder("gpt-5.7", "codestral-2508");
        assertThat(p.changed()).extracting(u -> u.after().id()).containsExactly("gpt-5-nano");
        assertThat(p.removed()).extracting(HostedModel::id).containsExactly("codestral");

        String written = HostedModelsFile.apply(bundled, p);

        // the header, up to the managed line, is as it was
        String header = bundled.substring(0, bundled.indexOf("updated:"));
        assertThat(written).startsWith(header);
        assertThat(written).contains(HostedModelsFile.LAST_IMPORT + "2027-02-01 from LiteLLM prices.json sha256:0123"
                + " (providers openai, anthropic, gemini, mistral)");
        assertThat(written).contains("\nupdated: 2027-02-01\n");
        // every hand-written row, comment and layout included, is byte for byte the same
        assertThat(written).contains("  - {id: our-gateway, name: \"Internal gateway\", provider: Us, inputPer1M: 0.1,");
        assertThat(written).contains("  # our negotiated rates start below\n  - id: gpt-4o\n");
        for (String handWritten : handWrittenBlocks(bundled)) {
            assertThat(written).contains(handWritten);
        }
        assertThat(written).doesNotContain("litellmKey: mistral/codestral-latest");
        assertThat(written).contains("  - id: gpt-5-nano\n    name: \"GPT-5 nano\"\n    provider: OpenAI\n    inputPer1M: 0.04\n");

        // and it loads, with the new figures
        Files.writeString(dir.resolve(Catalog.HOSTED_MODELS), written);
        for (String f : Catalog.files()) {
            if (!f.equals(Catalog.HOSTED_MODELS)) {
                Files.writeString(dir.resolve(f), Catalog.bundledText(f));
            }
        }
        Catalog c = Catalog.fromDirectory(dir);
        assertThat(c.hostedModel("gpt-5-nano").orElseThrow().inputPer1M()).isEqualTo(0.04);
        assertThat(c.hostedModel("gpt-5-nano").orElseThrow().asOf().text()).isEqualTo("2027-02-01");
        assertThat(c.hostedModel("gpt-5.7").orElseThrow().outputPer1M()).isEqualTo(36.0);
        assertThat(c.hostedModel("codestral")).isEmpty();
        assertThat(c.hostedModel("gpt-3.5-turbo").orElseThrow().inputPer1M()).isEqualTo(1.50);
        assertThat(c.hostedModel("our-gateway")).isPresent();

        // a second import of the same file at the same stamp is a no-op on the written text
        PriceImportPlan second = new PriceImport(LiteLlmPriceFile.parse("prices.json", json.getBytes(StandardCharsets.UTF_8)),
                PriceImport.DEFAULT_PROVIDERS, stamp).against(List.copyOf(c.hostedModels()));
        assertThat(HostedModelsFile.apply(written, second)).isEqualTo(written);
    }

    @Test
    void pricesAreWrittenWithCentsAndNoBinaryNoise() {
        assertThat(HostedModelsFile.price(0.4)).isEqualTo("0.40");
        assertThat(HostedModelsFile.price(10)).isEqualTo("10.00");
        assertThat(HostedModelsFile.price(0.075)).isEqualTo("0.075");
        assertThat(HostedModelsFile.price(0.005)).isEqualTo("0.005");
        assertThat(HostedModelsFile.price(168)).isEqualTo("168.00");
    }

    @Test
    void aDirectoryUpdateThatWouldNotLoadChangesNothing() throws IOException {
        CatalogDirectory catalog = new CatalogDirectory(dir);
        catalog.exportBundled();
        String before = Files.readString(dir.resolve(Catalog.HOSTED_MODELS));
        assertThatThrownBy(() -> catalog.replace(Catalog.HOSTED_MODELS, before.replace("inputPer1M: 0.40", "inputPer1M: -0.40")))
                .isInstanceOfSatisfying(CatalogException.class, e -> {
                    assertThat(e.file()).isEqualTo(dir.resolve(Catalog.HOSTED_MODELS).toString());
                    assertThat(e.line()).isPositive();
                    assertThat(e.getMessage()).contains("inputPer1M must be zero or more");
                });
        assertThat(Files.readString(dir.resolve(Catalog.HOSTED_MODELS))).isEqualTo(before);
        // no staging left behind
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(Catalog.files());
        }
        Catalog loaded = catalog.replace(Catalog.HOSTED_MODELS, before.replace("inputPer1M: 0.40", "inputPer1M: 0.35"));
        assertThat(loaded.hostedModel("gpt-4.1-mini").orElseThrow().inputPer1M()).isEqualTo(0.35);
        assertThat(Catalog.fromDirectory(dir).hostedModel("gpt-4.1-mini").orElseThrow().inputPer1M()).isEqualTo(0.35);
    }

    @Test
    void exportCopiesEveryCatalogFileAndNeverOverwrites() throws IOException {
        Path target = dir.resolve("catalog");
        List<Path> written = new CatalogDirectory(target).exportBundled();
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactlyElementsOf(Catalog.files());
        for (String f : Catalog.files()) {
            assertThat(Files.readString(target.resolve(f))).isEqualTo(Catalog.bundledText(f));
        }
        assertThat(Catalog.fromDirectory(target).revision()).isEqualTo(Catalog.bundled().revision());
        Files.writeString(target.resolve(Catalog.GPUS), Files.readString(target.resolve(Catalog.GPUS)) + "# edited\n");
        assertThatThrownBy(() -> new CatalogDirectory(target).exportBundled())
                .hasMessageContaining("already exists; export never overwrites");
        assertThat(Files.readString(target.resolve(Catalog.GPUS))).endsWith("# edited\n");
    }

    /** The text of every row without litellmKey, as blocks of lines. */
    private static List<String> handWrittenBlocks(String text) {
        String entries = text.substring(text.indexOf("entries:\n") + "entries:\n".length());
        return Stream.of(entries.split("(?m)(?=^  - )"))
                .filter(b -> b.startsWith("  - id:") && !b.contains("litellmKey:"))
                .toList();
    }
}
