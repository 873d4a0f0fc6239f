package dev.hostwise.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
            case HOURLY_WEIGHTS -> {
                if (!n.isArray()) {
                    throw wrongType(f, n, "a list of numbers");
                }
                List<Double> weights = new ArrayList<>();
                for (JsonNode item : n) {
                    if (!item.isNumber()) {
                        throw new IllegalArgumentException("hour " + weights.size() + " is not a number (" + item + "): " + f.allowed());
                    }
                    weights.add(item.doubleValue());
                }
                yield checkWeights(f, weights);
            }
        };
    }

    static Object fromText(ScenarioField f, String s) {
        return switch (f.kind()) {
            case POSITIVE, AT_LEAST_ONE, NON_NEGATIVE, FRACTION, SHARE -> checkRange(f, number(f, s));
            case POSITIVE_INT, NON_NEGATIVE_INT -> {
                double d = number(f, s);
                if (d != Math.rint(d)) {
                    throw new IllegalArgumentException("'" + s + "' is not a whole number: " + f.allowed());
                }
                yield checkInt(f, d);
            }
            case BOOLEAN -> switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1", "on", "measured" -> true;
                case "false", "no", "n", "0", "off", "guessed" -> false;
                default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
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
                        throw new IllegalArgumentException("hour " + weights.size() + " is '" + item + "', not a number: " + f.allowed());
                    }
                }
                yield checkWeights(f, weights);
            }
        };
    }

    /** Exactly one weight per hour, none negative or infinite, and some traffic at some hour. */
    private static List<Double> checkWeights(ScenarioField f, List<Double> weights) {
        if (weights.size() != HOURS) {
            throw new IllegalArgumentException("has " + weights.size() + " numbers; it needs exactly 24, one per hour: " + f.allowed());
        }
        for (int h = 0; h < HOURS; h++) {
            double w = weights.get(h);
            if (!Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("hour " + h + " is " + format(w) + "; every hour needs 0 or more: " + f.allowed());
            }
            double max = FieldMetadata.of(f).max().orElse(Double.MAX_VALUE);
            if (w > max) {
                throw new IllegalArgumentException("hour " + h + " is " + format(w) + ", above the limit of "
                        + FieldMetadata.number(max) + ": " + f.allowed());
            }
        }
        if (weights.stream().allMatch(w -> w == 0)) {
            throw new IllegalArgumentException("is all zeros; at least one hour needs traffic: " + f.allowed());
        }
        return List.copyOf(weights);
    }

    private static IllegalArgumentException wrongType(ScenarioField f, JsonNode n, String expected) {
        String got = n.isTextual() ? "the text \"" + n.textValue() + "\"" : n.getNodeType().name().toLowerCase(Locale.ROOT)
                + " " + n;
        return new IllegalArgumentException("must be " + expected + ", not " + got + ": " + f.allowed());
    }

    /** Understands "50,000", "50_000", "50k", "1.2m", "$1.20" and, for fractions and shares, "30%". */
    private static double number(ScenarioField f, String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT).replace(",", "").replace("_", "");
        if (s.startsWith("$")) {
            s = s.substring(1);
        }
        double scale = 1;
        if (s.endsWith("%") && (f.kind() == ScenarioField.Kind.FRACTION || f.kind() == ScenarioField.Kind.SHARE)) {
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
            throw new IllegalArgumentException("'" + raw + "' is not a number: " + f.allowed());
        }
    }

    private static double checkRange(ScenarioField f, double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("must be a finite number: " + f.allowed());
        }
        boolean ok = switch (f.kind()) {
            case POSITIVE -> d > 0;
            case AT_LEAST_ONE -> d >= 1;
            case NON_NEGATIVE -> d >= 0;
            case FRACTION -> d > 0 && d <= 1;
            case SHARE -> d >= 0 && d <= 1;
            default -> throw new IllegalStateException(f.kind().name());
        };
        if (!ok) {
            throw new IllegalArgumentException(format(d) + " is out of range: " + f.allowed());
        }
        return checkMax(f, d);
    }

    /** The field's upper bound ({@link FieldMetadata#max()}): no real workload meets it, and nothing past it overflows. */
    private static double checkMax(ScenarioField f, double d) {
        double max = FieldMetadata.of(f).max().orElse(Double.MAX_VALUE);
        if (d > max) {
            throw new IllegalArgumentException(format(d) + " is above the limit of " + FieldMetadata.number(max) + ": "
                    + f.allowed());
        }
        return d;
    }

    private static int checkInt(ScenarioField f, double d) {
        boolean ok = f.kind() == ScenarioField.Kind.POSITIVE_INT ? d >= 1 : d >= 0;
        if (!ok) {
            throw new IllegalArgumentException(format(d) + " is out of range: " + f.allowed());
        }
        checkMax(f, d);
        if (d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(format(d) + " is out of range: " + f.allowed());
        }
        return (int) d;
    }

    private static String id(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
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
        String key = s.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        key = ALIASES.getOrDefault(key, key);
        try {
            return Enum.valueOf(type, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' is not allowed: " + f.allowed());
        }
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
