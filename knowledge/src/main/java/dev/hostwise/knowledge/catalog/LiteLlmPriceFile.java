package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * LiteLLM's {@code model_prices_and_context_window.json}: one JSON object mapping a model key to its
 * entry. Prices are US dollars <em>per token</em>. The file is read with a streaming parser so every
 * entry and every price keeps its line, and a bad price is reported as {@code file:line}.
 *
 * <p>What is read from each entry: {@code litellm_provider}, {@code mode}, {@code deprecation_date},
 * and the per-token prices {@code input_cost_per_token}, {@code output_cost_per_token},
 * {@code cache_read_input_token_cost}, {@code input_cost_per_token_batches} and
 * {@code output_cost_per_token_batches}. Those five must be non-negative JSON numbers wherever they
 * appear; anything else there makes the whole file malformed. Other keys are ignored, but noted:
 * prices in other units ({@code output_cost_per_image}, {@code input_cost_per_character},
 * {@code ocr_cost_per_page}...) and tiered prices ({@code *_above_200k_tokens}). The
 * {@code sample_spec} entry documents the format (its "prices" are descriptions) and is skipped. A key
 * that appears twice keeps its last entry, as LiteLLM's own loader does.
 */
public final class LiteLlmPriceFile {

    /** The per-token prices Hostwise reads; each must be a non-negative number wherever it appears. */
    static final Set<String> PRICE_FIELDS = Set.of("input_cost_per_token", "output_cost_per_token",
            "cache_read_input_token_cost", "input_cost_per_token_batches", "output_cost_per_token_batches");

    /** The entry that documents the format rather than pricing a model. */
    public static final String SAMPLE_SPEC = "sample_spec";

    /**
     * One model entry, prices still per token as the file gives them.
     *
     * @param line             the line of the entry's key
     * @param deprecationDate  null when the file gives none (or gives a date it cannot read)
     * @param tiered           true when the entry also prices long prompts differently ({@code *_above_*})
     * @param otherUnits       price keys in units other than tokens, e.g. {@code output_cost_per_image}
     */
    public record Entry(String key, int line, String provider, String mode,
                        BigDecimal inputPerToken, BigDecimal outputPerToken, BigDecimal cacheReadPerToken,
                        BigDecimal batchInputPerToken, BigDecimal batchOutputPerToken,
                        LocalDate deprecationDate, boolean tiered, Set<String> otherUnits) {

        /** True when both an input and an output price per token are given. */
        public boolean pricedPerToken() {
            return inputPerToken != null && outputPerToken != null;
        }
    }

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final String name;
    private final String sha256;
    private final Map<String, Entry> entries;
    private final List<String> duplicateKeys;

    private LiteLlmPriceFile(String name, String sha256, Map<String, Entry> entries, List<String> duplicateKeys) {
        this.name = name;
        this.sha256 = sha256;
        this.entries = entries;
        this.duplicateKeys = duplicateKeys;
    }

    /** Reads a price file; its name in messages is the path as given. */
    public static LiteLlmPriceFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PriceFileException(file.toString(), 0, "cannot read the file: " + e.getMessage());
        }
        return parse(file.toString(), bytes);
    }

    /** Parses the bytes of a price file, naming it {@code name} in messages. */
    public static LiteLlmPriceFile parse(String name, byte[] bytes) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        try (JsonParser p = JSON.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new PriceFileException(name, 1, "is empty; a LiteLLM price file is one JSON object of model entries");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new PriceFileException(name, line(p), "is not a LiteLLM price file: it must be one JSON object mapping"
                        + " model names to their prices, e.g. {\"gpt-4o\": {\"input_cost_per_token\": 2.5e-06, ...}}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p);
                JsonToken value = p.nextToken();
                if (SAMPLE_SPEC.equals(key)) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_OBJECT) {
                    throw new PriceFileException(name, keyLine, "entry \"" + key + "\" must be an object of prices and"
                            + " properties, not " + describe(value, p));
                }
                Entry e = entry(name, key, keyLine, p);
                if (entries.put(key, e) != null) {
                    duplicates.add(key);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new PriceFileException(name, line(p), "has content after the price object; the file must be one JSON object");
            }
        } catch (JsonParseException e) {
            throw new PriceFileException(name, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PriceFileException(name, 0, "cannot read the file: " + e.getMessage());
        }
        return new LiteLlmPriceFile(name, sha256(bytes), entries, duplicates);
    }

    private static Entry entry(String file, String key, int keyLine, JsonParser p) throws IOException {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        String provider = null;
        String mode = null;
        LocalDate deprecation = null;
        boolean tiered = false;
        Set<String> otherUnits = new TreeSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            int valueLine = line(p);
            if (PRICE_FIELDS.contains(field)) {
                if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new PriceFileException(file, valueLine, "\"" + key + "\"." + field + " is " + describe(value, p)
                            + ", not a number: a price is US dollars per token, e.g. 1.5e-07");
                }
                BigDecimal price = p.getDecimalValue();
                if (price.signum() < 0) {
                    throw new PriceFileException(file, valueLine, "\"" + key + "\"." + field + " is " + price.toPlainString()
                            + ": a price cannot be negative");
                }
                if (prices.put(field, price) != null) {
                    // two prices for one thing: which one the file meant is not ours to guess
                    throw new PriceFileException(file, valueLine, "\"" + key + "\"." + field + " is given twice in one entry;"
                            + " an entry gives each price once");
                }
                continue;
            }
            switch (field) {
                case "litellm_provider" -> provider = text(file, key, field, value, p, valueLine);
                case "mode" -> mode = text(file, key, field, value, p, valueLine);
                case "deprecation_date" -> deprecation = value == JsonToken.VALUE_STRING ? day(p.getText()) : null;
                default -> {
                    if (field.contains("_above_")) {
                        tiered = true;
                    } else if (field.contains("cost_per_") && !field.contains("token")) {
                        otherUnits.add(field);
                    }
                }
            }
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                p.skipChildren();
            }
        }
        return new Entry(key, keyLine, provider, mode, prices.get("input_cost_per_token"), prices.get("output_cost_per_token"),
                prices.get("cache_read_input_token_cost"), prices.get("input_cost_per_token_batches"),
                prices.get("output_cost_per_token_batches"), deprecation, tiered, Set.copyOf(otherUnits));
    }

    private static String text(String file, String key, String field, JsonToken value, JsonParser p, int line) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new PriceFileException(file, line, "\"" + key + "\"." + field + " must be a string, not " + describe(value, p));
        }
        return p.getText();
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            // LiteLLM documents YYYY-MM-DD; anything else is read as "no date given" rather than refusing the file
            return null;
        }
    }

    private static String describe(JsonToken t, JsonParser p) throws IOException {
        return switch (t) {
            case VALUE_STRING -> "the text \"" + p.getText() + "\"";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> t.asString();
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            default -> p.getText();
        };
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The file's name as given, for messages and the source stamp. */
    public String name() {
        return name;
    }

    /** The SHA-256 of the file's bytes, in lowercase hex. */
    public String sha256() {
        return sha256;
    }

    /** Every model entry (not {@code sample_spec}), in file order, by key. */
    public Map<String, Entry> entries() {
        return java.util.Collections.unmodifiableMap(entries);
    }

    /** Keys that appeared more than once; the last entry of each is kept. */
    public List<String> duplicateKeys() {
        return List.copyOf(duplicateKeys);
    }
}
