package dev.hostwise.bot.fuzz;

import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.ScenarioField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generators of hostile input for the readers (issue 11, section 6): JSON scenarios that are almost
 * right, badly typed, nested, duplicated, truncated or followed by garbage; typed values that are
 * numbers in every spelling, homoglyphs, mentions and huge; one-line forms; Slack payload values. Every
 * choice is drawn from the {@link RandomnessSource}, so QuickTheories can replay a seed and shrink a
 * failure to its smallest form.
 */
public final class HostileInputs {

    /** Keys: the real fields, near misses, homoglyphs, empty, long, and JSON's own metacharacters. */
    static final List<String> KEYS = keys();

    /** Values typed as text: numbers in every spelling, out of range, homoglyphs, markup, mentions. */
    public static final List<String> TEXTS = List.of("50000", "50k", "1.2m", "$1.20", "30%", "1e12", "1e13", "1e300", "1e400", "-1", "-0",
            "0", "0.0000001", "4.9e-324", "NaN", "Infinity", "-Infinity", "0x10", "1d", "1f", "1_000", "1,000,000", "٣", "１２",
            "", " ", "classification", "CLASSIFICATION", "claſſification", "classıfıcatıon", "ın_house", "good", "none",
            "auto", "l4", "L4", "h100-80gb", "llama-3.1-8b", "llama-3.1-8\u212Ab", "INT4", "FP8", "fp4", "<!channel>", "<@U0ASKER>",
            "&amp;", "<https://evil.example|click>", "`code`", "*bold*", "\u0000", "\uFEFF1", "1\u200B0", "😀", "\r\n",
            "x".repeat(5000), "9".repeat(400), "1,1,1,1,1,2,4,6,8,8,8,8,8,8,8,8,6,4,3,2,2,1,1,1", "1e307," + "1,".repeat(22) + "1",
            "true", "false", "yes", "measured", "[1,2,3]", "{\"a\":1}");

    /** JSON values: the same numbers as JSON, other types, nesting. */
    static final List<String> JSON_VALUES = List.of("50000", "1e12", "1e13", "1e308", "1e309", "-1", "-0", "0", "4.9e-324",
            "1073741824", "2147483648", "9223372036854775808", "0.5", "1.5", "true", "false", "null", "\"50000\"",
            "\"CLASSIFICATION\"", "\"claſſification\"", "\"GOOD_ENOUGH\"", "\"NONE\"", "\"MUST_STAY_IN_HOUSE\"", "\"auto\"",
            "\"l4\"", "\"llama-3.1-8b\"", "\"<!channel>\"", "[]", "[1e307" + ",1".repeat(23) + "]", "[" + "1,".repeat(23) + "1]",
            "{}", "{\"requestsPerDay\":1}", "[[[[[[[[[[1]]]]]]]]]]", "\"" + "x".repeat(3000) + "\"", "1" + "0".repeat(500));

    /** Text a person (or an attacker) might put after a JSON object, or in the middle of one. */
    static final List<String> GARBAGE = List.of("", "", "", " ", "\n", "x", "}", "]", ",", "{}", "{\"requestsPerDay\":1}", "null",
            "// comment", "/* c */", "\u0000", "'", "\"", ":", "NaN", "\uD800");

    private HostileInputs() {
    }

    private static List<String> keys() {
        List<String> k = new ArrayList<>();
        for (ScenarioField f : ScenarioField.values()) {
            k.add(f.json());
        }
        k.addAll(List.of("requestPerDay", "RequestsPerDay", "requestsPerDay ", "requeſtsPerDay", "tokensPerRequeſt", "",
                "__proto__", "constructor", "$ref", "a".repeat(300), "k\u0000", "😀", "scenario", "errors"));
        return List.copyOf(k);
    }

    static String pick(RandomnessSource in, List<String> from) {
        return from.get((int) in.next(Constraint.between(0, from.size() - 1)));
    }

    static int between(RandomnessSource in, int lo, int hi) {
        return (int) in.next(Constraint.between(lo, hi));
    }

    /** A JSON text meant as a scenario: structured but hostile, or a valid one with random bytes changed. */
    public static Gen<String> scenarioJson() {
        return in -> {
            if (between(in, 0, 3) == 0) {
                return mutated(in, validJson(in));
            }
            StringBuilder out = new StringBuilder("{");
            int fields = between(in, 0, 12);
            for (int i = 0; i < fields; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(quoted(pick(in, KEYS))).append(": ").append(pick(in, JSON_VALUES));
            }
            // most of the time the required fields are there, so the reader gets past "is required"
            if (between(in, 0, 2) > 0) {
                out.append(fields > 0 ? ", " : "").append("\"taskType\": \"CLASSIFICATION\", \"qualityNeed\": \"GOOD_ENOUGH\","
                        + " \"privacyNeed\": \"NONE\", \"requestsPerDay\": ").append(pick(in, List.of("50000", "1e12", "0.001")));
            }
            return out.append('}').append(pick(in, GARBAGE)).toString();
        };
    }

    /** Typed values for the form, the modal and the CLI: field name to text. */
    public static Gen<Map<String, String>> typedValues() {
        return in -> {
            Map<String, String> v = new LinkedHashMap<>();
            if (between(in, 0, 2) > 0) {
                v.put("requestsPerDay", "50000");
                v.put("taskType", "classification");
                v.put("qualityNeed", "good");
                v.put("privacyNeed", "in_house");
            }
            int n = between(in, 0, 8);
            for (int i = 0; i < n; i++) {
                ScenarioField f = ScenarioField.values()[between(in, 0, ScenarioField.values().length - 1)];
                v.put(f.json(), pick(in, TEXTS));
            }
            return v;
        };
    }

    /** A one-line form: keys, values, volumes, flags and noise. */
    public static Gen<String> quickForm() {
        return in -> {
            List<String> words = new ArrayList<>();
            if (between(in, 0, 2) > 0) {
                words.addAll(List.of("50000/day", "task=classification", "quality=good_enough", "privacy=in_house"));
            }
            int n = between(in, 0, 8);
            for (int i = 0; i < n; i++) {
                switch (between(in, 0, 3)) {
                    case 0 -> words.add(pick(in, TEXTS) + "/day");
                    case 1 -> words.add(pick(in, TEXTS));
                    default -> {
                        List<FieldMetadata> keyed = FieldMetadata.withQuickKeys();
                        FieldMetadata m = keyed.get(between(in, 0, keyed.size() - 1));
                        String key = m.quickKey().get().key();
                        words.add((between(in, 0, 4) == 0 ? key.replace('s', 'ſ').replace('i', 'ı') : key) + "=" + pick(in, TEXTS));
                    }
                }
            }
            return String.join(pick(in, List.of(" ", "  ", "\t", "\n")), words);
        };
    }

    /** Any short text: for private metadata, button values, verdict IDs. */
    public static Gen<String> anyText() {
        return in -> switch (between(in, 0, 5)) {
            case 0 -> pick(in, TEXTS);
            case 1 -> pick(in, JSON_VALUES);
            case 2 -> "{\"channel\":\"C1\",\"responseUrl\":\"https://hooks.slack.com/x\",\"revision\":" + pick(in, JSON_VALUES) + "}"
                    + pick(in, GARBAGE);
            case 3 -> "{\"channel\":\"C1\",\"channel\":\"C0EVIL\"}";
            case 4 -> "{\"id\":\"HW-2026-0001\",\"scenario\":" + pick(in, List.of("{}", "[]", "1", validJson(in))) + "}" + pick(in, GARBAGE);
            default -> mutated(in, "{\"channel\":\"C1\",\"revision\":2}");
        };
    }

    static String validJson(RandomnessSource in) {
        return "{\"requestsPerDay\": " + pick(in, List.of("50000", "1000000", "1e9")) + ", \"taskType\": \"RAG_QA\","
                + " \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\", \"inputTokens\": 900,"
                + " \"outputTokens\": 300, \"openModel\": \"llama-3.1-8b\", \"gpuType\": \"l4\"}";
    }

    /** A few random edits: a character inserted, deleted or replaced, or the text cut short. */
    static String mutated(RandomnessSource in, String text) {
        StringBuilder s = new StringBuilder(text);
        int edits = between(in, 1, 4);
        for (int i = 0; i < edits && s.length() > 0; i++) {
            int at = between(in, 0, s.length() - 1);
            switch (between(in, 0, 3)) {
                case 0 -> s.insert(at, pick(in, List.of("\"", "{", "}", "[", "]", ",", ":", "e", "-", "0", "9", "\\", "ſ", " ")));
                case 1 -> s.deleteCharAt(at);
                case 2 -> s.setCharAt(at, (char) between(in, 0, 0x7f));
                default -> s.setLength(at);
            }
        }
        return s.toString();
    }

    public static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
