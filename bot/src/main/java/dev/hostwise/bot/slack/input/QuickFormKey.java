package dev.hostwise.bot.slack.input;

import dev.hostwise.knowledge.ScenarioField;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The short keys of the one-line form ({@code /selfhost 50000/day task=classification ...}) and the fields they set. */
public enum QuickFormKey {
    PER_DAY("NNN/day", ScenarioField.REQUESTS_PER_DAY),
    TASK("task", ScenarioField.TASK_TYPE),
    QUALITY("quality", ScenarioField.QUALITY_NEED),
    PRIVACY("privacy", ScenarioField.PRIVACY_NEED),
    TOKENS("tokens", ScenarioField.TOKENS_PER_REQUEST),
    INPUT("input", ScenarioField.INPUT_TOKENS),
    OUTPUT("output", ScenarioField.OUTPUT_TOKENS),
    PEAK("peak", ScenarioField.PEAK_TO_AVERAGE),
    MODEL("model", ScenarioField.HOSTED_MODEL, "hosted"),
    PRICE("price", ScenarioField.HOSTED_PRICE_PER_1K_TOKENS),
    INPUT_PRICE("input-price", ScenarioField.HOSTED_INPUT_PRICE_PER_1M),
    OUTPUT_PRICE("output-price", ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M),
    GPU("gpu", ScenarioField.GPU_DOLLARS_PER_HOUR),
    GPUS("gpus", ScenarioField.GPUS_PER_REPLICA),
    GPU_TYPE("gpu-type", ScenarioField.GPU_TYPE),
    OPEN_MODEL("open-model", ScenarioField.OPEN_MODEL),
    RPS("rps", ScenarioField.REQUESTS_PER_SECOND),
    MEASURED("measured", ScenarioField.THROUGHPUT_MEASURED),
    UTIL("util", ScenarioField.UTILIZATION),
    OPS("ops", ScenarioField.OPS_COST_PER_MONTH),
    OTHER("other", ScenarioField.OTHER_COST_PER_MONTH),
    PRICING("pricing", ScenarioField.PRICING_MODE, "mode"),
    REPLICAS("min-replicas", ScenarioField.MIN_REPLICAS, "floor"),
    PRECISION("precision", ScenarioField.PRECISION),
    CONTEXT("context", ScenarioField.CONTEXT_TOKENS),
    LATENCY("latency", ScenarioField.MAX_SECONDS_PER_REQUEST),
    CONCURRENCY("concurrency", ScenarioField.MAX_CONCURRENCY);

    private final String key;
    private final ScenarioField field;
    private final String alias;

    QuickFormKey(String key, ScenarioField field) {
        this(key, field, null);
    }

    QuickFormKey(String key, ScenarioField field, String alias) {
        this.key = key;
        this.field = field;
        this.alias = alias;
    }

    /** The key as a user types it. */
    public String key() {
        return key;
    }

    public ScenarioField field() {
        return field;
    }

    /** The key as shown in help and messages: {@code task=…}, {@code measured}, {@code 50000/day}. */
    public String example() {
        return switch (this) {
            case PER_DAY -> "50000/day";
            case MEASURED -> "measured";
            default -> key + "=…";
        };
    }

    /** A key=value key: its short name, its alias, or the scenario field's JSON name (any case). */
    public static Optional<QuickFormKey> byKey(String typed) {
        String k = typed.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(q -> q != PER_DAY)
                .filter(q -> q.key.equals(k) || k.equals(q.alias) || q.field.json().equalsIgnoreCase(typed))
                .findFirst();
    }

    public static QuickFormKey forField(ScenarioField field) {
        return Arrays.stream(values()).filter(q -> q.field == field).findFirst().orElseThrow();
    }
}
