package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostwise.knowledge.catalog.Catalog;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The one table every form is generated from: each field in it once, every number bounded, and the
 * bounds enforced with an error that names them.
 */
class FieldMetadataTest {

    private static final Map<String, String> REQUIRED = Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
            "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE");

    private final ScenarioReader reader = new ScenarioReader(Catalog.bundled());

    @Test
    void everyScenarioFieldHasExactlyOneEntry() {
        assertThat(FieldMetadata.ALL).extracting(FieldMetadata::field).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(ScenarioField.values());
        for (ScenarioField f : ScenarioField.values()) {
            assertThat(FieldMetadata.of(f).field()).isEqualTo(f);
            assertThat(FieldMetadata.of(f).label()).as(f.json()).isNotBlank();
            assertThat(FieldMetadata.of(f).hint()).as(f.json()).endsWith(".").doesNotContain(f.json());
        }
    }

    @Test
    void everyNumberHasALowerAndAnUpperBoundAndNothingElseHasOne() {
        Set<ScenarioField.Kind> numeric = EnumSet.of(ScenarioField.Kind.POSITIVE, ScenarioField.Kind.AT_LEAST_ONE,
                ScenarioField.Kind.NON_NEGATIVE, ScenarioField.Kind.FRACTION, ScenarioField.Kind.POSITIVE_INT,
                ScenarioField.Kind.NON_NEGATIVE_INT, ScenarioField.Kind.HOURLY_WEIGHTS, ScenarioField.Kind.SHARE,
                ScenarioField.Kind.GROWTH);
        for (FieldMetadata m : FieldMetadata.ALL) {
            if (numeric.contains(m.field().kind())) {
                assertThat(m.max()).as(m.field().json()).isPresent();
                assertThat(m.bounds()).as(m.field().json()).get().asString().contains(" and at most ");
                // the default itself is inside the bounds
                m.field().defaultValue().ifPresent(d -> assertThat(((Number) d).doubleValue()).isLessThanOrEqualTo(m.max().get()));
            } else {
                assertThat(m.max()).as(m.field().json()).isEmpty();
                assertThat(m.bounds()).as(m.field().json()).isEmpty();
            }
        }
        assertThat(FieldMetadata.of(ScenarioField.REQUESTS_PER_DAY).bounds()).contains("0.001 or more and at most 1,000,000,000,000");
        assertThat(FieldMetadata.of(ScenarioField.GPUS_PER_REPLICA).bounds()).contains("1 or more and at most 64");
        assertThat(FieldMetadata.of(ScenarioField.HOSTED_PRICE_PER_1K_TOKENS).bounds()).contains("0.0000001 or more and at most 1,000");
        assertThat(FieldMetadata.of(ScenarioField.UTILIZATION).bounds()).contains("0.001 or more and at most 1");
    }

    @Test
    void aValueAboveItsBoundIsAFieldErrorNamingTheBound() {
        assertThat(errorFor("requestsPerDay", "2e12"))
                .isEqualTo("2000000000000 is above the limit of 1,000,000,000,000: a positive number of requests per day, e.g. 50000");
        assertThat(errorFor("gpusPerReplica", "65")).startsWith("65 is above the limit of 64: ");
        assertThat(errorFor("hostedPricePer1kTokens", "1000.01")).startsWith("1000.01 is above the limit of 1,000: ");
        assertThat(errorFor("inputTokens", "1073741824")).startsWith("1073741824 is above the limit of 5,000,000: ");
        assertThat(errorFor("hourlyWeights", "1e300," + "1,".repeat(22) + "1"))
                .startsWith("hour 0 is 1.0E300, above the limit of 1,000,000,000: ");
        // JSON is held to the same bounds as typed text
        assertThatThrownBy(() -> reader.fromJson(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"requestsPerDay\": 1e300, \"taskType\": \"CLASSIFICATION\", \"qualityNeed\": \"GOOD_ENOUGH\","
                        + " \"privacyNeed\": \"NONE\"}")))
                .isInstanceOfSatisfying(InvalidScenarioException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("requestsPerDay"));
    }

    @Test
    void everyBoundItselfIsAccepted() {
        for (FieldMetadata m : FieldMetadata.ALL) {
            if (m.max().isEmpty()) {
                continue;
            }
            String max = FieldMetadata.number(m.max().get()).replace(",", "");
            Map<String, String> values = new HashMap<>(REQUIRED);
            values.put(m.field().json(), m.field() == ScenarioField.HOURLY_WEIGHTS
                    ? String.join(",", java.util.Collections.nCopies(24, max)) : max);
            if (m.field() == ScenarioField.INPUT_TOKENS || m.field() == ScenarioField.OUTPUT_TOKENS) {
                // the two go together
                values.putIfAbsent("inputTokens", "900");
                values.putIfAbsent("outputTokens", "300");
            }
            if (m.field() == ScenarioField.HOSTED_INPUT_PRICE_PER_1M || m.field() == ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M) {
                values.putIfAbsent("hostedInputPricePer1M", "1.5");
                values.putIfAbsent("hostedOutputPricePer1M", "2");
                values.putIfAbsent("inputTokens", "900");
                values.putIfAbsent("outputTokens", "300");
            }
            if (m.field() == ScenarioField.HORIZON_MONTHS) {
                // a horizon is how long a growth lasts
                values.putIfAbsent("volumeGrowthPerMonth", "0.01");
            }
            if (m.field() == ScenarioField.QUALITY_EVAL_SCORE || m.field() == ScenarioField.QUALITY_BAR) {
                // a pass rate and its bar go together, for a named model
                values.putIfAbsent("qualityEvalScore", "0.9");
                values.putIfAbsent("qualityBar", "0.8");
                values.putIfAbsent("openModel", "llama-3.3-70b");
            }
            assertThat(reader.fromText(values)).as(m.field().json() + " = " + max).isNotNull();
        }
    }

    @Test
    void quickKeysAreUniqueAndListedInTheirOwnOrder() {
        List<FieldMetadata> keyed = FieldMetadata.withQuickKeys();
        assertThat(keyed).extracting(m -> m.quickKey().get().key()).doesNotHaveDuplicates();
        assertThat(keyed).extracting(m -> m.quickKey().get().order()).isSorted().doesNotHaveDuplicates();
        assertThat(keyed.get(0).quickKey().get().example()).isEqualTo("50000/day");
        Set<String> aliases = keyed.stream().flatMap(m -> m.quickKey().get().alias().stream()).collect(Collectors.toSet());
        assertThat(aliases).doesNotContainAnyElementsOf(keyed.stream().map(m -> m.quickKey().get().key()).toList());
    }

    @Test
    void choiceFieldsOfferTheirEnumsValuesAndPickersSayWhatTheyFill() {
        assertThat(FieldMetadata.of(ScenarioField.QUALITY_NEED).choices()).extracting(FieldMetadata.Choice::value)
                .containsExactly("GOOD_ENOUGH", "QUALITY_IS_THE_PRODUCT");
        for (FieldMetadata m : FieldMetadata.ALL) {
            if (m.field().kind() == ScenarioField.Kind.ENUM) {
                assertThat(m.choices()).as(m.field().json()).isNotEmpty();
                assertThat(m.widget()).isIn(FieldMetadata.Widget.SELECT, FieldMetadata.Widget.RADIO);
            }
        }
        assertThat(FieldMetadata.of(ScenarioField.GPU_TYPE).fills()).containsExactly(ScenarioField.GPU_DOLLARS_PER_HOUR);
    }

    private String errorFor(String field, String value) {
        Map<String, String> values = new HashMap<>(REQUIRED);
        values.put(field, value);
        try {
            reader.fromText(values);
        } catch (InvalidScenarioException e) {
            return e.errors().stream().filter(x -> x.field().equals(field)).findFirst().orElseThrow().message();
        }
        throw new AssertionError(field + "=" + value + " was accepted");
    }

    @Test
    void boundsAreWrittenWithThousandsSeparatorsAsEveryFormShowsThem() {
        for (long v : new long[] {0, 7, 12, 999, 1_000, 12_345, 100_000, 999_999, 1_000_000, 86_400_000,
                1_000_000_000_000L, 999_999_999_999_999L, -5, -1_000, -123_456_789}) {
            assertThat(FieldMetadata.number(v)).as("%d", v).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", v));
        }
        assertThat(FieldMetadata.number(0.001)).isEqualTo("0.001");
        assertThat(FieldMetadata.number(2.5)).isEqualTo("2.5");
        assertThat(FieldMetadata.withQuickKeys()).isSameAs(FieldMetadata.withQuickKeys())
                .extracting(m -> m.quickKey().get().order()).isSorted();
    }
}
