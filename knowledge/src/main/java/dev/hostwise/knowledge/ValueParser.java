package dev.hostwise.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostwise.knowledge.uncertainty.CostInputs;
import dev.hostwise.knowledge.uncertainty.GivenRange;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one field value, strictly from JSON or leniently from text, and checks its range.
 * Failures are {@link IllegalArgumentException}s whose message is written for the user.
 */
final class ValueParser {

    /** Words people type for the enum values, besides the names themselves. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("IN_HOUSE", "MUST_STAY_IN_HOUSE"),
            Map.entry("INHOUSE", "MUST_STAY_IN_HOUSE"),
            Map.entry("STAY_IN_HOUSE", "MUST_STAY_IN_HOUSE"),
            Map.entry("CONTRACT", "CONTRACTUAL"),
            Map.entry("PRODUCT", "QUALITY_IS_THE_PRODUCT"),
            Map.entry("QUALITY_IS_PRODUCT", "QUALITY_IS_THE_PRODUCT"),
            Map.entry("GOOD", "GOOD_ENOUGH"),
            Map.entry("RAG", "RAG_QA"),
            Map.entry("SUMMARIZATION", "STRUCTURED_SUMMARIZATION"),
            Map.entry("SUMMARISATION", "STRUCTURED_SUMMARIZATION"),
            Map.entry("CODE", "CODE_GENERATION"),
            Map.entry("REASONING", "OPEN_ENDED_REASONING"),
            Map.entry("AGENT", "AGENTIC_TOOL_USE"),
            Map.entry("AGENTS", "AGENTIC_TOOL_USE"),
            Map.entry("HALF", "FP16"),
            Map.entry("NVFP4", "FP4"),
            Map.entry("MX_FP4", "MXFP4"),
            Map.entry("8BIT", "INT8"),
            Map.entry("4BIT", "INT4"),
            Map.entry("GPTQ", "INT4"),
            Map.entry("AWQ", "INT4"),
            Map.entry("ONDEMAND", "ON_DEMAND"),
            Map.entry("RESERVE", "RESERVED"),
            Map.entry("AUTOSCALE", "AUTOSCALED"),
            Map.entry("AUTOSCALING", "AUTOSCALED"));

    static final int HOURS = 24;
    /** The most characters of a user's own value an error message repeats. */
    static final int ECHO_MAX = 60;

    private ValueParser() {
    }

    static Object fromJson(ScenarioField f, JsonNode n) {
        return switch (f.kind()) {
            case POSITIVE, AT_LEAST_ONE, NON_NEGATIVE, FRACTION, SHARE -> {
                if (!n.isNumber()) {
                    throw wrongType(f, n, "a number");
                }
                yield checkRange(f, n.doubleValue());
            }
            case POSITIVE_INT, NON_NEGATIVE_INT -> {
                if (!n.isNumber() || (!n.isIntegralNumber() && n.doubleValue() != Math.rint(n.doubleValue()))) {
                    throw wrongType(f, n, "a whole number");
                }
                yield checkInt(f, n.doubleValue());
            }
            case BOOLEAN -> {
                if (!n.isBoolean()) {
                    throw wrongType(f, n, "true or false");
                }
                yield n.booleanValue();
            }
            case CATALOG_ID, ENUM -> {
                if (!n.isTextual()) {
                    throw wrongType(f, n, "a string");
                }
                yield f.kind() == ScenarioField.Kind.ENUM ? enumValue(f, n.textValue()) : id(n.textValue());
            }
            case GROWTH -> {
                if (!n.isNumber()) {
                    throw wrongType(f, n, "a number");
                }
                yield checkRange(f, n.doubleValue());
            }
            case RANGES -> rangesFromJson(f, n);
            case HOURLY_WEIGHTS -> {
                if (!n.isArray()) {
                    throw wrongType(f, n, "a list of numbers");
                }
                List<Double> weights = new ArrayList<>();
                for (JsonNode item : n) {
                    if (!item.isNumber()) {
                        throw new ValueProblem("hour " + weights.size() + " is not a number (" + echo(item.toString()) + "): "
                                + f.allowed());
                    }
                    weights.add(item.doubleValue());
                }
                yield checkWeights(f, weights);
            }
        };
    }

    static Object fromText(ScenarioField f, String s) {
        return switch (f.kind()) {
            case POSITIVE, AT_LEAST_ONE, NON_NEGATIVE, FRACTION, SHARE, GROWTH -> checkRange(f, number(f, s));
            case RANGES -> rangesFromText(f, s);
            case POSITIVE_INT, NON_NEGATIVE_INT -> {
                double d = number(f, s);
                if (d != Math.rint(d)) {
                    throw new ValueProblem("'" + echo(s) + "' is not a whole number: " + f.allowed());
                }
                yield checkInt(f, d);
            }
            case BOOLEAN -> switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1", "on", "measured" -> true;
                case "false", "no", "n", "0", "off", "guessed" -> false;
                default -> throw new ValueProblem("'" + echo(s) + "' is not true or false");
            };
            case CATALOG_ID -> id(s);
            case ENUM -> enumValue(f, s);
            case HOURLY_WEIGHTS -> {
                String list = s.trim();
                if (list.startsWith("[") && list.endsWith("]")) {
                    list = list.substring(1, list.length() - 1);
                }
                List<Double> weights = new ArrayList<>();
                for (String item : list.split("[,;\\s]+")) {
                    if (item.isEmpty()) {
                        continue;
                    }
                    try {
                        double d = Double.parseDouble(item);
                        if (item.matches(".*[xXpPdDfF].*")) {
                            throw new NumberFormatException();
                        }
                        weights.add(d);
                    } catch (NumberFormatException e) {
                        throw new ValueProblem("hour " + weights.size() + " is '" + echo(item) + "', not a number: " + f.allowed());
                    }
                }
                yield checkWeights(f, weights);
            }
        };
    }

    /** {"utilization": [0.2, 0.5], ...}: each key an input that can vary, each value [low, high] in that input's bounds. */
    private static Map<String, GivenRange> rangesFromJson(ScenarioField f, JsonNode n) {
        if (!n.isObject()) {
            throw wrongType(f, n, "an object of [low, high] pairs by field name");
        }
        Map<ScenarioField, GivenRange> read = new EnumMap<>(ScenarioField.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ScenarioField input = rangeKey(e.getKey());
            JsonNode pair = e.getValue();
            if (!pair.isArray() || pair.size() != 2) {
                throw new ValueProblem(e.getKey() + " must be a list of two numbers, [low, high], not " + pair
                        + ": " + f.allowed());
            }
            read.put(input, range(input, fromJsonEnd(input, pair.get(0)), fromJsonEnd(input, pair.get(1))));
        }
        return byName(read);
    }

    /** "utilization=0.2..0.5, gpuDollarsPerHour=$1.50..$3" (also name: low to high), or the JSON object itself. */
    private static Map<String, GivenRange> rangesFromText(ScenarioField f, String text) {
        String t = text.trim();
        if (t.startsWith("{")) {
            try {
                return rangesFromJson(f, StrictJson.mapper().readTree(t));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ValueProblem("is " + ScenarioReader.notValidJson(e) + ": " + f.allowed());
            }
        }
        Map<ScenarioField, GivenRange> read = new EnumMap<>(ScenarioField.class);
        for (String part : t.split("[,;\\s]+(?=[A-Za-z][A-Za-z0-9]*\\s*[=:])")) {
            if (part.isBlank()) {
                continue;
            }
            java.util.regex.Matcher m = RANGE_TEXT.matcher(part.trim().replaceAll("[,;]+$", ""));
            if (!m.matches()) {
                throw new ValueProblem("'" + part.trim() + "' is not name=low..high: " + f.allowed());
            }
            ScenarioField input = rangeKey(m.group(1));
            read.put(input, range(input, fromTextEnd(input, m.group(2)), fromTextEnd(input, m.group(3))));
        }
        if (read.isEmpty()) {
            throw new ValueProblem("names no range: " + f.allowed());
        }
        return byName(read);
    }

    private static final java.util.regex.Pattern RANGE_TEXT =
            java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\s*[=:]\\s*(\\S+?)\\s*(?:\\.\\.|\\s+to\\s+)\\s*(\\S+)");

    /** A key of ranges: a scenario field whose value the cost comparison can vary. */
    private static ScenarioField rangeKey(String name) {
        ScenarioField input = ScenarioField.byJson(name).orElse(null);
        if (input == null || !CostInputs.varies(name)) {
            throw new ValueProblem(name + (input == null ? " is not a scenario field" : " cannot be given a range")
                    + ": the inputs that can are " + String.join(", ", CostInputs.names()));
        }
        return input;
    }

    private static double fromJsonEnd(ScenarioField input, JsonNode end) {
        try {
            return (Double) fromJson(input, end);
        } catch (IllegalArgumentException e) {
            throw new ValueProblem(input.json() + ": " + e.getMessage());
        }
    }

    private static double fromTextEnd(ScenarioField input, String end) {
        try {
            return (Double) fromText(input, end);
        } catch (IllegalArgumentException e) {
            throw new ValueProblem(input.json() + ": " + e.getMessage());
        }
    }

    private static GivenRange range(ScenarioField input, double low, double high) {
        if (low > high) {
            throw new ValueProblem(input.json() + " [" + format(low) + ", " + format(high) + "] is reversed: give the"
                    + " low end first, e.g. [" + format(high) + ", " + format(low) + "]");
        }
        return new GivenRange(low, high);
    }

    /** In field order, by JSON name: the order the scenario's JSON keeps them in. */
    private static Map<String, GivenRange> byName(Map<ScenarioField, GivenRange> read) {
        Map<String, GivenRange> out = new LinkedHashMap<>();
        read.forEach((k, v) -> out.put(k.json(), v));
        return out;
    }

    /** Exactly one weight per hour, none negative or infinite, and some traffic at some hour. */
    private static List<Double> checkWeights(ScenarioField f, List<Double> weights) {
        if (weights.size() != HOURS) {
            throw new ValueProblem("has " + weights.size() + " numbers; it needs exactly 24, one per hour: " + f.allowed());
        }
        FieldMetadata m = FieldMetadata.of(f);
        for (int h = 0; h < HOURS; h++) {
            double w = weights.get(h);
            if (!Double.isFinite(w)) {
                throw new ValueProblem("hour " + h + " is " + format(w) + "; every hour needs a finite number: "
                        + f.allowed());
            }
            if (w < m.min().orElseThrow()) {
                throw new ValueProblem("hour " + h + " is " + format(w) + ", below the limit of "
                        + FieldMetadata.number(m.min().orElseThrow()) + ": " + f.allowed());
            }
            if (w > m.max().orElseThrow()) {
                throw new ValueProblem("hour " + h + " is " + format(w) + ", above the limit of "
                        + FieldMetadata.number(m.max().orElseThrow()) + ": " + f.allowed());
            }
        }
        if (weights.stream().allMatch(w -> w == 0)) {
            throw new ValueProblem("is all zeros; at least one hour needs traffic: " + f.allowed());
        }
        return List.copyOf(weights);
    }

    private static IllegalArgumentException wrongType(ScenarioField f, JsonNode n, String expected) {
        String got = n.isTextual() ? "the text \"" + echo(n.textValue()) + "\"" : n.getNodeType().name().toLowerCase(Locale.ROOT)
                + " " + echo(n.toString());
        return new ValueProblem("must be " + expected + ", not " + got + ": " + f.allowed());
    }

    /** Understands "50,000", "50_000", "50k", "1.2m", "$1.20" and, for fractions and shares, "30%". */
    private static double number(ScenarioField f, String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT).replace(",", "").replace("_", "");
        if (s.startsWith("$")) {
            s = s.substring(1);
        }
        double scale = 1;
        if (s.endsWith("%") && (f.kind() == ScenarioField.Kind.FRACTION || f.kind() == ScenarioField.Kind.SHARE
                || f.kind() == ScenarioField.Kind.GROWTH)) {
            scale = 0.01;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("k")) {
            scale = 1_000;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            scale = 1_000_000;
            s = s.substring(0, s.length() - 1);
        }
        try {
            double d = Double.parseDouble(s.trim()) * scale;
            if (s.contains("x") || s.contains("p") || s.endsWith("d") || s.endsWith("f")) {
                // Double.parseDouble also takes hex floats and "1d"/"1f": not numbers a person means
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ValueProblem("'" + echo(raw) + "' is not a number: " + f.allowed());
        }
    }

    private static double checkRange(ScenarioField f, double d) {
        if (!Double.isFinite(d)) {
            throw new ValueProblem("must be a finite number: " + f.allowed());
        }
        return checkBounds(f, d);
    }

    /**
     * The field's bounds ({@link FieldMetadata#min()}, {@link FieldMetadata#max()}): no real workload
     * meets either, and nothing between them overflows or divides by almost nothing. The message names
     * the bound crossed.
     */
    private static double checkBounds(ScenarioField f, double d) {
        FieldMetadata m = FieldMetadata.of(f);
        double min = m.min().orElse(-Double.MAX_VALUE);
        double max = m.max().orElse(Double.MAX_VALUE);
        if (d < min) {
            throw new ValueProblem(format(d) + " is below the limit of " + FieldMetadata.number(min) + ": "
                    + f.allowed());
        }
        if (d > max) {
            throw new ValueProblem(format(d) + " is above the limit of " + FieldMetadata.number(max) + ": "
                    + f.allowed());
        }
        return d;
    }

    private static int checkInt(ScenarioField f, double d) {
        // every whole-number field's upper bound is far below Integer.MAX_VALUE, so the cast is exact
        return (int) checkBounds(f, d);
    }

    /** What a person typed, as an error message repeats it: cut short, so a huge value cannot make a huge answer. */
    static String echo(String typed) {
        return typed.length() <= ECHO_MAX ? typed : typed.substring(0, ECHO_MAX) + "… (" + typed.length() + " characters)";
    }

    /** True when every character is ASCII: enum names and catalog ids are, and nothing else may stand for them. */
    static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * A catalog id as the catalog spells it. Ids are ASCII; anything else is kept as typed, so it is
     * reported as not in the catalog instead of lower-casing into an id (the Kelvin sign K becomes k).
     */
    private static String id(String s) {
        String t = s.trim();
        return ascii(t) ? t.toLowerCase(Locale.ROOT) : t;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(ScenarioField f, String s) {
        Class<? extends Enum> type = switch (f) {
            case TASK_TYPE -> TaskType.class;
            case QUALITY_NEED -> QualityNeed.class;
            case PRIVACY_NEED -> PrivacyNeed.class;
            case PRECISION -> Precision.class;
            case PRICING_MODE -> PricingMode.class;
            default -> throw new IllegalStateException(f.name());
        };
        if (!ascii(s)) {
            // upper-casing would turn the dotless ı into I and the long ſ into S: "claſſification" is not a task type
            throw new ValueProblem("'" + echo(s) + "' is not allowed (names are plain ASCII letters): " + f.allowed());
        }
        String key = s.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        key = ALIASES.getOrDefault(key, key);
        for (Enum<?> value : type.getEnumConstants()) {
            // looked up, not Enum.valueOf's exception caught: a misspelt value is common input, not an error
            if (value.name().equals(key)) {
                return value;
            }
        }
        throw new ValueProblem("'" + echo(s) + "' is not allowed: " + f.allowed());
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
