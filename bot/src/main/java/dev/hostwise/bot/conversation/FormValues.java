package dev.hostwise.bot.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioField;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a scenario form shows or what a user typed into it, on any surface: one text per scenario
 * field, exactly as it would be typed. A blank or missing field means "not given" (the reader then
 * applies the default).
 */
public record FormValues(Map<ScenarioField, String> text) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public FormValues {
        EnumMap<ScenarioField, String> copy = new EnumMap<>(ScenarioField.class);
        text.forEach((f, v) -> {
            if (v != null && !v.isBlank()) {
                copy.put(f, v.trim());
            }
        });
        text = Collections.unmodifiableMap(copy);
    }

    /** A fresh form: every field with a default shows it, so the assumptions are visible and editable. */
    public static FormValues defaults() {
        Map<ScenarioField, String> v = new EnumMap<>(ScenarioField.class);
        for (ScenarioField f : ScenarioField.values()) {
            // throughput stays blank so that picking an open model and a GPU gets an estimate, not 4 req/s
            if (f != ScenarioField.REQUESTS_PER_SECOND) {
                f.defaultValue().ifPresent(d -> v.put(f, show(d)));
            }
        }
        return new FormValues(v);
    }

    /** The inputs of an earlier verdict, so "Adjust inputs" starts from where that verdict stood. */
    public static FormValues of(Scenario scenario) {
        return of((JsonNode) JSON.valueToTree(scenario));
    }

    /** A scenario's JSON form as form values; fields the form does not have are left out. */
    public static FormValues of(JsonNode node) {
        Map<ScenarioField, String> v = new EnumMap<>(ScenarioField.class);
        for (ScenarioField f : ScenarioField.values()) {
            JsonNode value = node.get(f.json());
            if (value != null && !value.isNull()) {
                v.put(f, value.isNumber() ? show(value.doubleValue()) : value.isArray() ? joined(value) : value.asText());
            }
        }
        return new FormValues(v);
    }

    public Optional<String> get(ScenarioField field) {
        return Optional.ofNullable(text.get(field));
    }

    public FormValues with(ScenarioField field, String value) {
        Map<ScenarioField, String> v = new EnumMap<>(ScenarioField.class);
        v.putAll(text);
        v.put(field, value);
        return new FormValues(v);
    }

    /** Keyed by the scenario's JSON field names, as {@code ScenarioReader.fromText} takes them. */
    public Map<String, String> byJsonName() {
        Map<String, String> out = new LinkedHashMap<>();
        text.forEach((f, v) -> out.put(f.json(), v));
        return out;
    }

    /** A list (the hourly weights) as the comma-separated text the form takes. */
    private static String joined(JsonNode array) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        array.forEach(n -> parts.add(n.isNumber() ? show(n.doubleValue()) : n.asText()));
        return String.join(", ", parts);
    }

    /** A number as a person would type it: 50000, 0.002, 1.2; never 5.0E4. */
    public static String show(Object value) {
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
