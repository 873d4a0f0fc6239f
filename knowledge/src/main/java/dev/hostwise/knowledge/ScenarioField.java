package dev.hostwise.knowledge;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every field of the scenario's public JSON form: its name, what values it takes, its default, and
 * the words every front end uses to explain it. Front ends (CLI flags, Slack modal, web form, quick
 * form) derive their inputs from this table so the names never drift apart.
 */
public enum ScenarioField {
    REQUESTS_PER_DAY("requestsPerDay", Kind.POSITIVE, null,
            "average requests per day", "a positive number of requests per day, e.g. 50000"),
    PEAK_TO_AVERAGE("peakToAverage", Kind.AT_LEAST_ONE, 1.0,
            "peak-hour rate divided by average-hour rate", "a number of 1 or more, e.g. 3 for a peak three times the average"),
    HOURLY_WEIGHTS("hourlyWeights", Kind.HOURLY_WEIGHTS, null,
            "traffic in each hour of the day, midnight first; only the shape matters (sets peakToAverage)",
            "24 numbers, 0 or more and not all 0, one per hour from midnight, e.g. 1,1,1,1,1,2,4,6,8,8,8,8,8,8,8,8,6,4,3,2,2,1,1,1"),
    TOKENS_PER_REQUEST("tokensPerRequest", Kind.POSITIVE_INT, 1200,
            "prompt + completion tokens per request", "a whole number of tokens above 0, e.g. 1200"),
    INPUT_TOKENS("inputTokens", Kind.NON_NEGATIVE_INT, null,
            "prompt tokens per request (with outputTokens, replaces tokensPerRequest)", "a whole number of tokens, 0 or more, e.g. 900"),
    OUTPUT_TOKENS("outputTokens", Kind.NON_NEGATIVE_INT, null,
            "completion tokens per request (with inputTokens, replaces tokensPerRequest)", "a whole number of tokens, 0 or more, e.g. 300"),
    CONTEXT_TOKENS("contextTokens", Kind.POSITIVE_INT, null,
            "tokens one request holds in the KV cache at its longest; defaults to prompt + completion",
            "a whole number of tokens, at least the prompt + completion of one request, e.g. 4096"),
    HOSTED_PRICE_PER_1K_TOKENS("hostedPricePer1kTokens", Kind.POSITIVE, 0.002,
            "hosted API price in $ per 1,000 tokens, input and output blended", "a price in dollars above 0, e.g. 0.002"),
    HOSTED_INPUT_PRICE_PER_1M("hostedInputPricePer1M", Kind.NON_NEGATIVE, null,
            "hosted API price in $ per 1M input tokens", "a price in dollars, 0 or more, e.g. 1.50"),
    HOSTED_OUTPUT_PRICE_PER_1M("hostedOutputPricePer1M", Kind.NON_NEGATIVE, null,
            "hosted API price in $ per 1M output tokens", "a price in dollars, 0 or more, e.g. 2.00"),
    HOSTED_MODEL("hostedModel", Kind.CATALOG_ID, null,
            "hosted model from the catalog; fills in the split prices", "a hosted-model id from the catalog, e.g. gpt-3.5-turbo"),
    GPU_DOLLARS_PER_HOUR("gpuDollarsPerHour", Kind.POSITIVE, 1.20,
            "price of one GPU per hour in $", "a price in dollars above 0, e.g. 1.20"),
    GPUS_PER_REPLICA("gpusPerReplica", Kind.POSITIVE_INT, 1,
            "GPUs that hold one copy of the model; with openModel and gpuType, sized from memory when left out",
            "a whole number of 1 or more, e.g. 2"),
    GPU_TYPE("gpuType", Kind.CATALOG_ID, null,
            "GPU from the catalog, which fills in the GPU price; or auto, to search every GPU for the cheapest configuration",
            "a GPU id from the catalog, e.g. a100-80gb, or auto"),
    PRICING_MODE("pricingMode", Kind.ENUM, PricingMode.ON_DEMAND,
            "how the GPUs are paid for: always-on at the on-demand price, a one-year reservation, or autoscaled to the traffic profile",
            "one of " + names(PricingMode.values())),
    MIN_REPLICAS("minReplicas", Kind.POSITIVE_INT, 1,
            "the fewest replicas kept running; 2 is the recommended floor for an on-call service",
            "a whole number of 1 or more, e.g. 2"),
    OPEN_MODEL("openModel", Kind.CATALOG_ID, null,
            "open model from the catalog; its quality fit is judged", "an open-model id from the catalog, e.g. llama-2-13b"),
    PRECISION("precision", Kind.ENUM, Precision.FP16,
            "how the open model's weights are stored and computed; with gpuType auto, every format the model ships in is searched unless one is given",
            "one of " + names(Precision.values())),
    REQUESTS_PER_SECOND("requestsPerSecond", Kind.POSITIVE, 4.0,
            "requests per second one replica serves, batched; estimated when left out with openModel and gpuType",
            "a number above 0, e.g. 4"),
    THROUGHPUT_MEASURED("throughputMeasured", Kind.BOOLEAN, false,
            "whether requestsPerSecond came from a load test of your prompts", "true or false"),
    MAX_SECONDS_PER_REQUEST("maxSecondsPerRequest", Kind.POSITIVE, 10.0,
            "latency target for the throughput estimate: the longest one request may take, first token to last",
            "a number of seconds above 0, e.g. 10"),
    MAX_CONCURRENCY("maxConcurrency", Kind.POSITIVE_INT, null,
            "requests one replica runs at once in the estimate, as a load test at that concurrency would (fewer if memory holds fewer)",
            "a whole number of 1 or more, e.g. 20"),
    UTILIZATION("utilization", Kind.FRACTION, 0.30,
            "average GPU utilisation", "a fraction above 0 and at most 1, e.g. 0.3 (30% also works in text)"),
    OPS_COST_PER_MONTH("opsCostPerMonth", Kind.NON_NEGATIVE, 12000.0,
            "loaded monthly cost of the people who keep it running", "dollars per month, 0 or more, e.g. 12000"),
    OTHER_COST_PER_MONTH("otherCostPerMonth", Kind.NON_NEGATIVE, 0.0,
            "other monthly self-hosting costs: egress, storage, load balancers", "dollars per month, 0 or more, e.g. 800"),
    TASK_TYPE("taskType", Kind.ENUM, null,
            "what the model does", "one of " + names(TaskType.values())),
    QUALITY_NEED("qualityNeed", Kind.ENUM, null,
            "how much answer quality matters", "one of " + names(QualityNeed.values())),
    PRIVACY_NEED("privacyNeed", Kind.ENUM, null,
            "whether the data must stay in-house", "one of " + names(PrivacyNeed.values())),
    // quality from the team's own evidence (issue 10, section 7): both or neither
    QUALITY_EVAL_SCORE("qualityEvalScore", Kind.SHARE, null,
            "the open model's pass rate on your own evaluation set; with qualityBar, quality is decided on it instead of the catalog's judgement",
            "a pass rate from 0 to 1, e.g. 0.91 (91% also works in text)"),
    QUALITY_BAR("qualityBar", Kind.SHARE, null,
            "the pass rate on that evaluation set the task needs; with qualityEvalScore, quality holds when the score reaches it",
            "a pass rate from 0 to 1, e.g. 0.85 (85% also works in text)"),
    VOLUME_GROWTH_PER_MONTH("volumeGrowthPerMonth", Kind.GROWTH, null,
            "how much requestsPerDay grows each month, as a fraction (negative when it shrinks); with horizonMonths, the"
                    + " volume's range in the uncertainty analysis",
            "a fraction from -0.99 to 1 (doubling), e.g. 0.05 for 5% a month (5% also works in text), -0.1 for a 10% decline"),
    HORIZON_MONTHS("horizonMonths", Kind.POSITIVE_INT, null,
            "how many months ahead the decision should hold; 12 when volumeGrowthPerMonth is given without it",
            "a whole number of months from 1 to 120, e.g. 12"),
    RANGES("ranges", Kind.RANGES, null,
            "the plausible low and high of uncertain inputs, in place of what Hostwise derives for them; keyed by field name",
            "pairs of low and high by field name, e.g. {\"utilization\": [0.2, 0.5]} in JSON, or"
                    + " utilization=0.2..0.5, gpuDollarsPerHour=1.5..3 in text");

    /** What values a field takes. */
    public enum Kind {
        POSITIVE, AT_LEAST_ONE, NON_NEGATIVE, FRACTION, POSITIVE_INT, NON_NEGATIVE_INT, BOOLEAN, CATALOG_ID, ENUM,
        /** A share from 0 to 1, both included (a pass rate): a number in JSON, "0.9" or "90%" in text. */
        SHARE,
        /** 24 non-negative numbers, not all zero: a list in JSON, comma-separated in text. */
        HOURLY_WEIGHTS,
        /** A fraction per period, a growth rate (bounds in FieldMetadata), negative for a decline; 5% works in text. */
        GROWTH,
        /** Low and high by scenario field name: an object of [low, high] pairs in JSON, name=low..high in text. */
        RANGES
    }

    private final String json;
    private final Kind kind;
    private final Object defaultValue;
    private final String meaning;
    private final String allowed;

    ScenarioField(String json, Kind kind, Object defaultValue, String meaning, String allowed) {
        this.json = json;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
        this.allowed = allowed;
    }

    /** The JSON field name: the public contract. */
    public String json() {
        return json;
    }

    public Kind kind() {
        return kind;
    }

    /** The default applied when the field is left out; empty for required and optional-without-default fields. */
    public Optional<Object> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public boolean required() {
        return this == REQUESTS_PER_DAY || this == TASK_TYPE || this == QUALITY_NEED || this == PRIVACY_NEED;
    }

    /** One line saying what the field means. */
    public String meaning() {
        return meaning;
    }

    /** One line saying what values are allowed, with an example. */
    public String allowed() {
        return allowed;
    }

    /** The field as a command-line flag: {@code requestsPerDay} becomes {@code --requests-per-day}. */
    public String flag() {
        return "--" + json.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<ScenarioField> byJson(String name) {
        return Optional.ofNullable(BY_JSON.get(name));
    }

    private static final Map<String, ScenarioField> BY_JSON = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(f -> f.json, f -> f));

    /**
     * The text with each field's JSON name, where it stands as a whole word, replaced by what
     * {@code name} gives for that field ("outputTokens is needed" → "`output` is needed"); a null
     * leaves the name as it is, and so does a longer word that merely starts with one. One pass over
     * the words: front ends reword every error message this way.
     */
    public static String renameInText(String text, Function<ScenarioField, String> name) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && isWordChar(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                out.append(text.charAt(i++));
                continue;
            }
            String word = text.substring(start, i);
            ScenarioField field = BY_JSON.get(word);
            String renamed = field == null ? null : name.apply(field);
            out.append(renamed == null ? word : renamed);
        }
        return out.toString();
    }

    /** A character of a word, as a regular expression's word boundary sees it. */
    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static String names(Enum<?>[] values) {
        return String.join(", ", Arrays.stream(values).map(Enum::name).toList());
    }
}
