package dev.hostwise.knowledge.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The price import reads LiteLLM's file strictly where a mistake would change a price: text after the
 * object and a price given twice in one entry are refused with the line; a model listed twice is a
 * documented note (the file is a third party's, and its last entry is read).
 */
class StrictPriceFileTest {

    private static LiteLlmPriceFile parse(String json) {
        return LiteLlmPriceFile.parse("prices.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPriceGivenTwiceInOneEntryIsRefusedWithItsLine() {
        assertThatThrownBy(() -> parse("""
                {"gpt-4o": {"litellm_provider": "openai",
                  "input_cost_per_token": 2.5e-06,
                  "output_cost_per_token": 1e-05,
                  "input_cost_per_token": 2.5e-09}}
                """)).isInstanceOf(PriceFileException.class)
                .hasMessageContaining("prices.json").hasMessageContaining("4")
                .hasMessageContaining("\"gpt-4o\".input_cost_per_token is given twice in one entry");
    }

    @Test
    void textAfterTheObjectIsRefused() {
        assertThatThrownBy(() -> parse("{\"gpt-4o\": {\"input_cost_per_token\": 1e-06}} {\"x\": {}}"))
                .isInstanceOf(PriceFileException.class).hasMessageContaining("has content after the price object");
    }

    @Test
    void aModelListedTwiceIsNotedAndItsLastEntryRead() {
        LiteLlmPriceFile file = parse("""
                {"m": {"litellm_provider": "openai", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
                 "m": {"litellm_provider": "openai", "input_cost_per_token": 3e-06, "output_cost_per_token": 4e-06}}
                """);
        assertThat(file.duplicateKeys()).containsExactly("m");
    }
}
