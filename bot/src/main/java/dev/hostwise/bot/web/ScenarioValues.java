package dev.hostwise.bot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioField;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scenario's values as text, keyed by JSON field name in {@link ScenarioField} order: what the page
 * shows as the inputs and what the form is filled with. Read through the scenario's JSON form, so
 * the names are the public contract's.
 */
final class ScenarioValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioValues() {
    }

    static Map<String, String> of(Scenario s) {
        JsonNode node = JSON.valueToTree(s);
        Map<String, String> out = new LinkedHashMap<>();
        for (ScenarioField f : ScenarioField.values()) {
            JsonNode v = node.get(f.json());
            if (v != null && !v.isNull()) {
                out.put(f.json(), text(v));
            }
        }
        return out;
    }

    /** 100000.0 becomes "100000", 0.30 becomes "0.3": numbers as a person would type them. */
    static String text(JsonNode v) {
        return v.isNumber() ? plain(v.decimalValue()) : v.asText();
    }

    static String text(Object defaultValue) {
        return defaultValue instanceof Number n ? plain(new BigDecimal(n.toString())) : String.valueOf(defaultValue);
    }

    private static String plain(BigDecimal d) {
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
