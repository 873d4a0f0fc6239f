package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.knowledge.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every numeric field's two bounds: the bound itself is accepted, one step past it is a field error
 * naming it, in JSON and in typed text alike (the forms, the one-line form and the CLI flags all read
 * text), and README's table says exactly what the metadata enforces.
 */
class BoundsTest {

    private static final Map<String, String> REQUIRED = Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
            "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScenarioReader reader = new ScenarioReader(Catalog.bundled());

    @Test
    void bothBoundsOfEveryNumberAreAcceptedAndOneStepPastEitherIsAFieldErrorNamingIt() {
        int checked = 0;
        for (FieldMetadata m : FieldMetadata.ALL) {
            if (m.min().isEmpty()) {
                continue;
            }
            double min = m.min().get();
            double max = m.max().get();
            boolean whole = m.field().kind() == ScenarioField.Kind.POSITIVE_INT || m.field().kind() == ScenarioField.Kind.NON_NEGATIVE_INT;
            double below = whole ? min - 1 : min == 0 ? -1e-9 : min - Math.abs(min) * 0.001;
            double above = whole ? max + 1 : max * 1.001;
            String json = m.field().json();

            assertThat(readText(m, plain(min))).as(json + " = its lower bound").isNull();
            assertThat(readText(m, plain(max))).as(json + " = its upper bound").isNull();
            assertThat(readJson(m, min)).as(json + " = its lower bound, in JSON").isNull();
            assertThat(readJson(m, max)).as(json + " = its upper bound, in JSON").isNull();

            String low = "below the limit of " + FieldMetadata.number(min);
            String high = "above the limit of " + FieldMetadata.number(max);
            assertThat(readText(m, plain(below))).as(json + " just below, typed").contains(low);
            assertThat(readJson(m, below)).as(json + " just below, in JSON").contains(low);
            assertThat(readText(m, plain(above))).as(json + " just above, typed").contains(high);
            assertThat(readJson(m, above)).as(json + " just above, in JSON").contains(high);
            checked++;
        }
        assertThat(checked).isEqualTo(23);
    }

    @Test
    void readmesBoundsTableIsTheMetadatas() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = readme.substring(readme.indexOf("| field | lower | upper |"));
        table = table.substring(0, table.indexOf("\n\n"));
        Map<String, double[]> documented = new LinkedHashMap<>();
        Pattern name = Pattern.compile("`(\\w+)`");
        for (String row : table.split("\n")) {
            String[] cells = row.split("\\|");
            if (cells.length < 4 || !cells[1].contains("`")) {
                continue;
            }
            double lower = amount(cells[2]);
            double upper = amount(cells[3]);
            Matcher fields = name.matcher(cells[1]);
            while (fields.find()) {
                assertThat(documented.put(fields.group(1), new double[] {lower, upper})).as(fields.group(1) + " listed twice").isNull();
            }
        }
        Map<String, double[]> enforced = new LinkedHashMap<>();
        FieldMetadata.ALL.stream().filter(m -> m.min().isPresent())
                .forEach(m -> enforced.put(m.field().json(), new double[] {m.min().get(), m.max().get()}));
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(enforced.keySet());
        enforced.forEach((field, bounds) -> assertThat(documented.get(field)).as(field).containsExactly(bounds));
    }

    @Test
    void hourlyWeightsAreBoundedOneByOne() {
        String ok = String.join(",", Collections.nCopies(24, "1"));
        assertThat(readText(FieldMetadata.of(ScenarioField.HOURLY_WEIGHTS), ok)).isNull();
        assertThat(readText(FieldMetadata.of(ScenarioField.HOURLY_WEIGHTS), "1e307," + ok.substring(2)))
                .startsWith("hour 0 is 1.0E307, above the limit of 1,000,000,000");
        assertThat(readText(FieldMetadata.of(ScenarioField.HOURLY_WEIGHTS), ok.substring(0, ok.length() - 1) + "-1"))
                .startsWith("hour 23 is -1, below the limit of 0");
    }

    @Test
    void aRequestCostsSomethingOnTheHostedApi() {
        Map<String, String> free = new HashMap<>(REQUIRED);
        free.putAll(Map.of("inputTokens", "0", "outputTokens", "0"));
        assertThat(errors(free)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("inputTokens");
            assertThat(e.message()).contains("are both 0");
        });
        Map<String, String> unpriced = new HashMap<>(REQUIRED);
        unpriced.putAll(Map.of("inputTokens", "900", "outputTokens", "0", "hostedInputPricePer1M", "0",
                "hostedOutputPricePer1M", "2"));
        assertThat(errors(unpriced)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("hostedInputPricePer1M");
            assertThat(e.message()).contains("cost $0 on the hosted API, below the limit of $0.0000000001");
        });
        // free input is a real price, as long as the output is paid for
        unpriced.put("outputTokens", "1");
        assertThat(reader.fromText(unpriced).hostedInputPricePer1M()).isZero();
    }

    @Test
    void aFleetPastABillionReplicasIsAnErrorOnTheVolumeNamingTheThroughput() {
        Map<String, String> huge = new HashMap<>(REQUIRED);
        huge.putAll(Map.of("requestsPerDay", "1e12", "peakToAverage", "1000", "requestsPerSecond", "0.000001"));
        assertThat(errors(huge)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("requestsPerDay");
            assertThat(e.message()).contains("1,000,000,000,000 requests a day at 0.000001 requests per second per replica need",
                    "replicas, above the limit of 1,000,000,000");
        });
        // the upper bound of the volume with the default throughput is a large fleet, not an error
        Map<String, String> big = new HashMap<>(REQUIRED);
        big.put("requestsPerDay", "1e12");
        assertThat(new CostModel().price(reader.fromText(big)).replicasNeeded()).isEqualTo(9_645_062);
    }

    /** The field's error message, or null when the value was accepted. */
    private String readText(FieldMetadata m, String value) {
        Map<String, String> values = new HashMap<>(REQUIRED);
        values.putAll(companions(m.field()));
        // a weight is tried at midnight, with traffic in the other hours
        values.put(m.field().json(), m.field() == ScenarioField.HOURLY_WEIGHTS && !value.contains(",")
                ? value + "," + String.join(",", Collections.nCopies(23, "1")) : value);
        return errorOn(m.field(), () -> reader.fromText(values));
    }

    private String readJson(FieldMetadata m, double value) {
        Map<String, Object> values = new HashMap<>(REQUIRED);
        values.put("requestsPerDay", 100000);
        companions(m.field()).forEach((k, v) -> values.put(k, v.matches("[0-9.]+") ? Double.parseDouble(v) : v));
        if (m.field() == ScenarioField.HOURLY_WEIGHTS) {
            List<Double> weights = new java.util.ArrayList<>(Collections.nCopies(24, 1.0));
            weights.set(0, value);
            values.put(m.field().json(), weights);
        } else {
            values.put(m.field().json(), value);
        }
        return errorOn(m.field(), () -> reader.fromJson(JSON.valueToTree(values)));
    }

    /** Fields that must come with this one (the token split, the price split), at ordinary values. */
    private static Map<String, String> companions(ScenarioField f) {
        return switch (f) {
            case INPUT_TOKENS, OUTPUT_TOKENS -> Map.of("inputTokens", "900", "outputTokens", "300");
            case HOSTED_INPUT_PRICE_PER_1M, HOSTED_OUTPUT_PRICE_PER_1M -> Map.of("hostedInputPricePer1M", "1.5",
                    "hostedOutputPricePer1M", "2", "inputTokens", "900", "outputTokens", "300");
            // an evaluation's pass rate comes with the bar it must clear, on the model it ran
            case QUALITY_EVAL_SCORE, QUALITY_BAR -> Map.of("qualityEvalScore", "0.9", "qualityBar", "0.85", "openModel", "llama-3.1-8b");
            // a context holds at least one request's tokens
            case CONTEXT_TOKENS -> Map.of("tokensPerRequest", "1");
            // a horizon is how long a growth applies for
            case HORIZON_MONTHS -> Map.of("volumeGrowthPerMonth", "0.05");
            default -> Map.of();
        };
    }

    private static String errorOn(ScenarioField field, Runnable read) {
        try {
            read.run();
            return null;
        } catch (InvalidScenarioException e) {
            return e.errors().stream().filter(x -> x.field().equals(field.json())).findFirst()
                    .map(FieldError::message).orElseThrow(() -> new AssertionError("no error on " + field.json() + ": " + e.errors()));
        }
    }

    private List<FieldError> errors(Map<String, String> values) {
        return catchThrowableOfType(InvalidScenarioException.class, () -> reader.fromText(values)).errors();
    }

    private static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** "$1,000,000", "0.001", "1,000,000,000,000 (10¹²)" as a number. */
    private static double amount(String cell) {
        String s = cell.trim().replace("$", "").replace(",", "");
        int space = s.indexOf(' ');
        return Double.parseDouble(space < 0 ? s : s.substring(0, space));
    }
}
