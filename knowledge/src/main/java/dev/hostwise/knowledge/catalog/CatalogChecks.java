package dev.hostwise.knowledge.catalog;

import java.util.Set;
import java.util.regex.Pattern;

/** Load-time checks for catalog rows; each failure names the field and what is allowed. */
final class CatalogChecks {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");
    private static final Set<String> CONFIDENCE = Set.of("high", "medium", "low");
    private static final Set<String> PRICING = Set.of("on-demand", "spot", "reserved", "serverless");
    private static final Set<String> WEIGHT_UNITS = java.util.Arrays.stream(dev.hostwise.knowledge.Precision.values())
            .map(dev.hostwise.knowledge.Precision::catalogKey).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private CatalogChecks() {
    }

    static void id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' must be lowercase words joined by hyphens, e.g. a100-80gb");
        }
    }

    static void positive(String field, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be a positive number, got " + v);
        }
    }

    /** A fraction above 0 and at most 1, such as an efficiency. */
    static void fraction(String field, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(field + " must be above 0 and at most 1, got " + v);
        }
    }

    static void weightUnit(String key) {
        if (!WEIGHT_UNITS.contains(key)) {
            throw new IllegalArgumentException("weightsGB unit '" + key + "' must be one of " + new java.util.TreeSet<>(WEIGHT_UNITS));
        }
    }

    static void nonNegative(String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be zero or more, got " + v);
        }
    }

    /** A key that must hold a value: YAML reads a key left empty as null. */
    static void present(String field, Object v) {
        if (v == null) {
            throw new IllegalArgumentException(field + " is empty; give it a value");
        }
    }

    static void source(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source is missing; every figure needs where it came from");
        }
    }

    static void confidence(String c) {
        if (!CONFIDENCE.contains(c)) {
            throw new IllegalArgumentException("confidence '" + c + "' must be one of " + CONFIDENCE);
        }
    }

    static void pricingType(String p) {
        if (!PRICING.contains(p)) {
            throw new IllegalArgumentException("pricingType '" + p + "' must be one of " + PRICING);
        }
    }
}
