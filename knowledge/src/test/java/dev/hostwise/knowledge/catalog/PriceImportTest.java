package dev.hostwise.knowledge.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's price file in, hosted-model rows out: against a real-format sample of the file (entries from
 * LiteLLM @00035b69, see src/test/resources/litellm/README.md) and against broken files.
 */
class PriceImportTest {

    static final String SAMPLE = "model_prices_and_context_window.sample.json";
    static final String COMMIT_SOURCE = "LiteLLM model_prices_and_context_window.json @00035b69f416be24e2e323c13198d9b7d2d1bdf9";
    static final PriceImport.Stamp BUNDLED_STAMP = new PriceImport.Stamp(AsOf.parse("2026-11-30"), COMMIT_SOURCE);

    static byte[] sample() {
        try (InputStream in = PriceImportTest.class.getResourceAsStream("/litellm/" + SAMPLE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LiteLlmPriceFile sampleFile() {
        return LiteLlmPriceFile.parse(SAMPLE, sample());
    }

    private static PriceImportPlan plan(LiteLlmPriceFile file, List<HostedModel> rows, PriceImport.Stamp stamp) {
        return new PriceImport(file, PriceImport.DEFAULT_PROVIDERS, stamp).against(rows);
    }

    @Test
    void readsPerTokenPricesAsDollarsPerMillionExactly() {
        LiteLlmPriceFile file = sampleFile();
        assertThat(file.entries()).doesNotContainKey("sample_spec").containsKey("gpt-4o-mini");
        PriceImportPlan p = plan(file, List.of(), BUNDLED_STAMP);
        HostedModel mini = p.added().stream().filter(m -> m.id().equals("gpt-4o-mini")).findFirst().orElseThrow();
        // 1.5e-07, 6e-07, 7.5e-08 per token: no binary rounding creeps in (0.15000000000000002)
        assertThat(mini.inputPer1M()).isEqualTo(0.15);
        assertThat(mini.outputPer1M()).isEqualTo(0.60);
        assertThat(mini.cachedInputPer1M()).isEqualTo(0.075);
        assertThat(mini.batchInputPer1M()).isEqualTo(0.075);
        assertThat(mini.batchOutputPer1M()).isEqualTo(0.30);
        assertThat(mini.provider()).isEqualTo("OpenAI");
        assertThat(mini.litellmKey()).isEqualTo("gpt-4o-mini");
        assertThat(mini.asOf().text()).isEqualTo("2026-11-30");
        assertThat(mini.source()).isEqualTo(COMMIT_SOURCE);
        // no batch price in the file: none in the row
        HostedModel gpt5 = p.added().stream().filter(m -> m.id().equals("gpt-5")).findFirst().orElseThrow();
        assertThat(gpt5.hasBatchPrice()).isFalse();
        assertThat(gpt5.cachedInputPer1M()).isEqualTo(0.125);
    }

    @Test
    void mapsEntriesToRowsByTheDocumentedRule() {
        PriceImportPlan p = plan(sampleFile(), List.of(), BUNDLED_STAMP);
        assertThat(p.added()).extracting(HostedModel::id).containsExactlyInAnyOrder(
                // openai: the aliases, not the dated snapshots; gpt-5.2-pro is responses-mode text generation
                "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o", "gpt-4o-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano",
                "gpt-5.1", "gpt-5.2", "gpt-5.2-pro", "gpt-5.4", "gpt-5.4-mini", "gpt-5.4-nano", "gpt-5.5", "gpt-5.6",
                // anthropic: version pairs dotted; a snapshot without a listed alias keeps its date
                "claude-haiku-4.5", "claude-3-haiku-20240307", "claude-sonnet-4.5", "claude-sonnet-5", "claude-sonnet-4.6",
                "claude-opus-4.1", "claude-opus-4.5", "claude-opus-4.6", "claude-opus-4.7",
                // gemini: prefix stripped; the deprecated 2.0 flash and 3 pro preview are left out
                "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.5-pro", "gemini-3.1-flash-lite",
                "gemini-3-flash-preview", "gemini-3.5-flash", "gemini-3.1-pro-preview",
                // mistral: -latest dropped, and it wins over the old bare key
                "codestral", "mistral-large", "mistral-medium", "mistral-small");
        HostedModel medium = p.added().stream().filter(m -> m.id().equals("mistral-medium")).findFirst().orElseThrow();
        assertThat(medium.litellmKey()).isEqualTo("mistral/mistral-medium-latest");
        assertThat(medium.inputPer1M()).isEqualTo(1.50);
        assertThat(p.skipped()).containsEntry("other providers", 3)
                .containsEntry("deprecated", 4)
                .containsEntry("mode image_generation", 2)
                .containsEntry("mode embedding", 1)
                .containsEntry("mode ocr", 1)
                .containsEntry("mode audio_transcription", 1)
                .containsEntry("priced at zero", 1)
                .containsEntry("second key for one ID", 2)
                .containsEntry("dated snapshots of a listed alias", 7);
    }

    @Test
    void theBundledCatalogHoldsTheFilesFiguresForEveryRowItTracks() {
        Catalog bundled = Catalog.bundled();
        PriceImportPlan p = plan(sampleFile(), List.copyOf(bundled.hostedModels()), BUNDLED_STAMP);
        assertThat(p.changed()).isEmpty();
        assertThat(p.removed()).isEmpty();
        assertThat(p.added()).isEmpty();
        assertThat(p.unchanged()).extracting(u -> u.before().id())
                .containsAll(bundled.hostedModels().stream().filter(HostedModel::imported).map(HostedModel::id).toList());
        assertThat(p.unchanged()).allSatisfy(u -> assertThat(u.after()).isEqualTo(u.before()));
        // a hand-written row is never touched, even where the file would give its ID another price
        assertThat(p.updates()).noneSatisfy(u -> assertThat(u.before().imported()).isFalse());
    }

    @Test
    void aChangedPriceIsAnUpdateWithOldAndNewAndTheRowKeepsItsIdAndName() {
        String changed = new String(sample(), StandardCharsets.UTF_8).replace(
                "\"input_cost_per_token\": 4e-07,\n        \"input_cost_per_token_batches\": 2e-07,\n        \"input_cost_per_token_priority\": 7e-07,",
                "\"input_cost_per_token\": 3.5e-07,\n        \"input_cost_per_token_batches\": 2e-07,\n        \"input_cost_per_token_priority\": 7e-07,");
        PriceImport.Stamp later = new PriceImport.Stamp(AsOf.parse("2027-01-15"), "LiteLLM prices.json sha256:abc");
        PriceImportPlan p = plan(LiteLlmPriceFile.parse("prices.json", changed.getBytes(StandardCharsets.UTF_8)),
                List.copyOf(Catalog.bundled().hostedModels()), later);
        assertThat(p.changed()).singleElement().satisfies(u -> {
            assertThat(u.before().id()).isEqualTo("gpt-4.1-mini");
            assertThat(u.before().inputPer1M()).isEqualTo(0.40);
            assertThat(u.after().inputPer1M()).isEqualTo(0.35);
            assertThat(u.after().name()).isEqualTo("GPT-4.1 mini");
            assertThat(u.after().asOf().text()).isEqualTo("2027-01-15");
            assertThat(u.after().source()).isEqualTo("LiteLLM prices.json sha256:abc");
        });
        // the rest were seen again at the same price: restamped, not changed
        assertThat(p.unchanged()).allSatisfy(u -> assertThat(u.after().asOf().text()).isEqualTo("2027-01-15"));
        // a price that moved drops the old "effective" text with it; an unchanged one keeps it
        assertThat(p.unchanged()).filteredOn(u -> u.before().id().equals("gpt-4o"))
                .singleElement().satisfies(u -> assertThat(u.after().effective()).isEqualTo("2024-08"));
    }

    @Test
    void aTrackedRowWhoseKeyLeftTheFileIsRemovedButAHandWrittenRowIsKept() {
        String without = new String(sample(), StandardCharsets.UTF_8).replaceAll(
                "(?s)    \"gpt-5-nano\": \\{.*?\\n    \\},\\n", "");
        PriceImportPlan p = plan(LiteLlmPriceFile.parse("prices.json", without.getBytes(StandardCharsets.UTF_8)),
                List.copyOf(Catalog.bundled().hostedModels()), BUNDLED_STAMP);
        assertThat(p.removed()).extracting(HostedModel::id).containsExactly("gpt-5-nano");
        // gpt-3.5-turbo and friends are hand-written and not in the file: not "removed"
        assertThat(p.removed()).noneMatch(m -> m.id().startsWith("gpt-3.5"));
    }

    @Test
    void anEntryWhoseIdIsAHandWrittenRowIsReportedNotWritten() {
        HostedModel handWritten = new HostedModel("gpt-5-nano", "GPT-5 nano, our negotiated price", "OpenAI", 0.04, 0.30,
                null, null, null, AsOf.parse("2026-10"), null, "high", "our contract", null);
        PriceImportPlan p = plan(sampleFile(), List.of(handWritten), BUNDLED_STAMP);
        assertThat(p.added()).extracting(HostedModel::id).doesNotContain("gpt-5-nano");
        assertThat(p.shadowed()).singleElement().satisfies(s -> {
            assertThat(s.handWritten()).isEqualTo(handWritten);
            assertThat(s.fromFile().inputPer1M()).isEqualTo(0.05);
        });
    }

    @Test
    void providersChooseWhichEntriesAreRead() {
        PriceImportPlan p = new PriceImport(sampleFile(), List.of("bedrock_converse", "vertex_ai-language-models"), BUNDLED_STAMP)
                .against(List.copyOf(Catalog.bundled().hostedModels()));
        // resellers' IDs carry their name, so they never collide with the maker's own row
        assertThat(p.added()).extracting(HostedModel::id).containsExactlyInAnyOrder(
                "global.anthropic.claude-sonnet-4-5-20250929-v1-0-bedrock-converse",
                "gemini-3-flash-preview-vertex-ai-language-models");
        // rows of providers not read are neither updated nor removed
        assertThat(p.updates()).isEmpty();
        assertThat(p.removed()).isEmpty();
    }

    @Test
    void notJsonIsRefusedWithFileAndLine() {
        assertThatThrownBy(() -> LiteLlmPriceFile.parse("prices.json", "{\n  \"gpt-4o\": {\n    \"mode\": \"chat\",,\n  }\n}".getBytes()))
                .isInstanceOfSatisfying(PriceFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).startsWith("prices.json:3: not valid JSON");
                });
        assertThatThrownBy(() -> LiteLlmPriceFile.parse("prices.json", "".getBytes()))
                .hasMessage("prices.json:1: is empty; a LiteLLM price file is one JSON object of model entries");
        assertThatThrownBy(() -> LiteLlmPriceFile.parse("prices.json", "[1, 2]".getBytes()))
                .hasMessageStartingWith("prices.json:1: is not a LiteLLM price file: it must be one JSON object");
    }

    @Test
    void aPriceThatIsNotANumberIsRefusedAtItsLine() {
        String bad = new String(sample(), StandardCharsets.UTF_8).replace("\"output_cost_per_token\": 1.6e-06,",
                "\"output_cost_per_token\": \"1.6e-06\",");
        int line = lineOf(bad, "\"output_cost_per_token\": \"1.6e-06\"");
        assertThatThrownBy(() -> LiteLlmPriceFile.parse("prices.json", bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(PriceFileException.class, e -> assertThat(e.line()).isEqualTo(line))
                .hasMessage("prices.json:" + line + ": \"gpt-4.1-mini\".output_cost_per_token is the text \"1.6e-06\","
                        + " not a number: a price is US dollars per token, e.g. 1.5e-07");
    }

    @Test
    void aNegativePriceIsRefusedAtItsLine() {
        String bad = new String(sample(), StandardCharsets.UTF_8).replace("\"cache_read_input_token_cost\": 5e-09,",
                "\"cache_read_input_token_cost\": -5e-09,");
        int line = lineOf(bad, "-5e-09");
        assertThatThrownBy(() -> LiteLlmPriceFile.parse("prices.json", bad.getBytes(StandardCharsets.UTF_8)))
                .hasMessage("prices.json:" + line + ": \"gpt-5-nano\".cache_read_input_token_cost is -0.000000005: a price cannot be negative");
    }

    @Test
    void anEntryThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> LiteLlmPriceFile.parse("p.json", "{\n \"gpt-4o\": 2.5e-06\n}".getBytes()))
                .hasMessage("p.json:2: entry \"gpt-4o\" must be an object of prices and properties, not 2.5e-06");
    }

    @Test
    void aRepeatedKeyKeepsItsLastEntryAndIsNoted() {
        String twice = "{\n \"gpt-4o\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\", \"input_cost_per_token\": 1e-06,"
                + " \"output_cost_per_token\": 2e-06},\n \"gpt-4o\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\","
                + " \"input_cost_per_token\": 2.5e-06, \"output_cost_per_token\": 1e-05}\n}";
        PriceImportPlan p = plan(LiteLlmPriceFile.parse("p.json", twice.getBytes()), List.of(), BUNDLED_STAMP);
        assertThat(p.added()).singleElement().satisfies(m -> assertThat(m.inputPer1M()).isEqualTo(2.5));
        assertThat(p.notes()).singleElement().asString().contains("\"gpt-4o\" appears more than once");
    }

    @Test
    void theSampleSpecIsNotAModelEvenThoughItsPricesAreText() {
        assertThat(sampleFile().entries()).doesNotContainKey(LiteLlmPriceFile.SAMPLE_SPEC);
        assertThat(sampleFile().sha256()).matches("[0-9a-f]{64}");
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not found");
    }
}
