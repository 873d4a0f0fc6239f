package dev.hostwise.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.GpuPrice;
import dev.hostwise.knowledge.catalog.HostedModel;
import dev.hostwise.knowledge.catalog.OpenModel;
import dev.hostwise.knowledge.uncertainty.GivenRange;
import dev.hostwise.knowledge.uncertainty.UncertainInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one way to turn user input into a {@link Scenario}. Every front end goes through here, so a
 * value that is rejected in Slack is rejected the same way in the CLI and the API. All errors are
 * collected (not just the first), each naming its field and what is allowed.
 *
 * <p>Two input forms: JSON, where types are strict (a number must be a JSON number), and text, as
 * typed into a form or on a command line, where "50,000", "50k", "$1.20" and "30%" are understood.
 */
public final class ScenarioReader {

    private static final ObjectMapper JSON = StrictJson.mapper();
    private static final int MAX_SUGGESTION_DISTANCE = 3;
    /**
     * The most errors one answer lists; the rest are counted. A body of 23,000 unknown keys used to get
     * an 11.8 MB answer (each key with the whole field list and a "did you mean" search).
     */
    public static final int MAX_ERRORS = 20;
    /** Keys longer than this get no "did you mean" search: no field name is near one. */
    private static final int MAX_SUGGESTED_KEY = 64;
    /**
     * The least a request may cost on the hosted API, in dollars: one token at the least blended price.
     * Cheaper than anything sold (one token at $0.01 per 1M is 100 times more), and it keeps the
     * break-even volumes, which divide by this cost, finite.
     */
    public static final double MIN_HOSTED_PER_REQUEST = 1e-10;

    private final Catalog catalog;

    public ScenarioReader(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Reads a JSON object text: one object, each key once, nothing after it. Malformed JSON is reported
     * as a single error on field "scenario" (a key given twice, on that key).
     */
    public Scenario fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidScenarioException(List.of(jsonProblem(e, "scenario")));
        }
        return fromJson(node);
    }

    /**
     * What is wrong with a JSON text, as a field error: a key given twice is an error on that key;
     * anything else (trailing text, a second object, a syntax error) on {@code whole}.
     */
    public static FieldError jsonProblem(JsonProcessingException e, String whole) {
        java.util.regex.Matcher dup = DUPLICATE.matcher(e.getOriginalMessage());
        if (dup.find()) {
            return new FieldError(ValueParser.echo(dup.group(1)), "is given twice" + where(e)
                    + ": give each field once (the JSON must not repeat a key)");
        }
        return new FieldError(whole, "is " + notValidJson(e));
    }

    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '(.*?)'");

    /**
     * "not valid JSON (line 1, column 41): Unexpected end-of-input", for every front end that parses
     * JSON itself. Jackson's own source-location suffix is dropped: the line and column say it.
     */
    public static String notValidJson(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message.startsWith("Trailing token")) {
            return "not valid JSON" + where(e) + ": there is more after the first value; send one JSON object and nothing"
                    + " after it";
        }
        java.util.regex.Matcher dup = DUPLICATE.matcher(message);
        if (dup.find()) {
            return "not valid JSON" + where(e) + ": the key '" + ValueParser.echo(dup.group(1)) + "' is given twice";
        }
        int internals = message.indexOf(" (start marker at");
        if (internals < 0) {
            internals = message.indexOf("\n at [Source");
        }
        if (internals >= 0) {
            message = message.substring(0, internals);
        }
        return "not valid JSON" + where(e) + ": " + ValueParser.echo(message);
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    public Scenario fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidScenarioException(List.of(new FieldError("scenario",
                    "must be a JSON object of scenario fields, e.g. {\"requestsPerDay\": 50000, ...}")));
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull()) {
                raw.put(e.getKey(), e.getValue());
            }
        }
        return read(raw);
    }

    /** Reads text values keyed by JSON field name. Blank values count as absent. */
    public Scenario fromText(Map<String, String> values) {
        Map<String, Object> raw = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                raw.put(k, v.trim());
            }
        });
        return read(raw);
    }

    /**
     * Reads a JSON object with text values laid over it, as when a command line names a scenario file
     * and also overrides some fields with flags. The JSON part is strict, the text part lenient.
     */
    public Scenario fromJsonWithTextOverrides(JsonNode base, Map<String, String> overrides) {
        Map<String, Object> raw = new LinkedHashMap<>();
        if (base != null) {
            if (!base.isObject()) {
                throw new InvalidScenarioException(List.of(new FieldError("scenario",
                        "must be a JSON object of scenario fields, e.g. {\"requestsPerDay\": 50000, ...}")));
            }
            base.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    raw.put(e.getKey(), e.getValue());
                }
            });
        }
        overrides.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                raw.put(k, v.trim());
            }
        });
        return read(raw);
    }

    private Scenario read(Map<String, Object> raw) {
        List<FieldError> errors = new ArrayList<>();
        int unknown = 0;
        for (String name : raw.keySet()) {
            if (ScenarioField.byJson(name).isEmpty() && unknown++ < MAX_ERRORS) {
                errors.add(new FieldError(ValueParser.echo(name), unknownFieldMessage(name)));
            }
        }
        if (unknown > MAX_ERRORS) {
            // counted, not listed: these are (almost surely) not a person's typos
            errors.add(new FieldError("scenario", String.format(Locale.ROOT, "has %,d more keys that are not scenario fields"
                    + " (not listed)", unknown - MAX_ERRORS)));
        }
        Map<ScenarioField, Object> v = new EnumMap<>(ScenarioField.class);
        for (ScenarioField f : ScenarioField.values()) {
            Object given = raw.get(f.json());
            if (given == null) {
                if (f.required()) {
                    errors.add(new FieldError(f.json(), "is required: " + f.allowed()));
                }
                continue;
            }
            try {
                v.put(f, given instanceof JsonNode n ? ValueParser.fromJson(f, n) : ValueParser.fromText(f, (String) given));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(f.json(), e.getMessage()));
            }
        }
        crossChecks(v, errors);
        if (!errors.isEmpty()) {
            throw new InvalidScenarioException(capped(errors));
        }
        Scenario scenario = build(v);
        if (!scenario.throughputToEstimate()) {
            // the throughput is known now, so is the fleet; an estimated one is checked when it is estimated
            FleetBound.check(scenario, scenario.requestsPerSecond()).ifPresent(e -> {
                throw new InvalidScenarioException(List.of(e));
            });
        }
        return scenario;
    }

    /** The first {@link #MAX_ERRORS} errors, and a line counting the rest: an answer's size stays bounded. */
    static List<FieldError> capped(List<FieldError> errors) {
        if (errors.size() <= MAX_ERRORS + 1) {
            return errors;
        }
        List<FieldError> out = new ArrayList<>(errors.subList(0, MAX_ERRORS));
        out.add(new FieldError("scenario", String.format(Locale.ROOT, "and %,d more errors (not listed): fix these and send"
                + " it again", errors.size() - MAX_ERRORS)));
        return out;
    }

    private void crossChecks(Map<ScenarioField, Object> v, List<FieldError> errors) {
        bothOrNeither(v, errors, ScenarioField.INPUT_TOKENS, ScenarioField.OUTPUT_TOKENS);
        bothOrNeither(v, errors, ScenarioField.HOSTED_INPUT_PRICE_PER_1M, ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M);
        // a score without its bar (or a bar without a score) decides nothing: name the one missing
        bothOrNeither(v, errors, ScenarioField.QUALITY_EVAL_SCORE, ScenarioField.QUALITY_BAR);

        String hosted = (String) v.get(ScenarioField.HOSTED_MODEL);
        if (hosted != null) {
            Optional<HostedModel> model = catalog.hostedModel(hosted);
            if (model.isEmpty()) {
                errors.add(new FieldError(ScenarioField.HOSTED_MODEL.json(), unknownId("hosted model", hosted,
                        catalog.hostedModels().stream().map(HostedModel::id).toList())));
            } else {
                // the catalog fills the split prices unless the user typed their own
                v.putIfAbsent(ScenarioField.HOSTED_INPUT_PRICE_PER_1M, model.get().inputPer1M());
                v.putIfAbsent(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M, model.get().outputPer1M());
            }
        }
        boolean priceSplit = v.containsKey(ScenarioField.HOSTED_INPUT_PRICE_PER_1M)
                && v.containsKey(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M);
        boolean tokenSplit = v.containsKey(ScenarioField.INPUT_TOKENS) && v.containsKey(ScenarioField.OUTPUT_TOKENS);
        if (priceSplit && !tokenSplit && !v.containsKey(ScenarioField.INPUT_TOKENS) && !v.containsKey(ScenarioField.OUTPUT_TOKENS)) {
            errors.add(new FieldError(ScenarioField.INPUT_TOKENS.json(),
                    "is needed because input and output are priced separately: give inputTokens and outputTokens, e.g. 900 and 300"));
        }
        hostedCostAboveNothing(v, errors);

        PricingMode mode = (PricingMode) orDefault(v, ScenarioField.PRICING_MODE);
        String open = (String) v.get(ScenarioField.OPEN_MODEL);
        OpenModel model = null;
        if (open != null) {
            model = catalog.openModel(open).orElse(null);
            if (model == null) {
                errors.add(new FieldError(ScenarioField.OPEN_MODEL.json(), unknownId("open model", open,
                        catalog.openModels().stream().map(m -> m.id()).toList())));
            }
        }
        if (open == null && v.containsKey(ScenarioField.QUALITY_EVAL_SCORE)) {
            // a pass rate is some model's: without the model, it would be read as the catalog default's
            errors.add(new FieldError(ScenarioField.OPEN_MODEL.json(), "is needed when qualityEvalScore is given: name the"
                    + " open model your evaluation ran; " + ScenarioField.OPEN_MODEL.allowed()));
        }
        String gpuType = (String) v.get(ScenarioField.GPU_TYPE);
        if (gpuType == null && open != null && leavesHardwareToSearch(v)) {
            // an open model with nothing said about the hardware: the question is which hardware, so search
            gpuType = Scenario.AUTO;
            v.put(ScenarioField.GPU_TYPE, gpuType);
        }
        boolean searching = Scenario.AUTO.equals(gpuType);
        Gpu gpu = null;
        if (gpuType != null && !searching) {
            Optional<Gpu> found = catalog.gpu(gpuType);
            if (found.isEmpty()) {
                errors.add(new FieldError(ScenarioField.GPU_TYPE.json(), unknownId("GPU", gpuType,
                        catalog.gpus().stream().map(Gpu::id).toList()) + " (or auto, to search every GPU for the cheapest)"));
            } else {
                gpu = found.get();
                // a reservation is priced at the catalog's reserved rate when it has one; the caveats say when it has not
                Optional<GpuPrice> price = mode == PricingMode.RESERVED
                        ? gpu.defaultReserved().or(gpu::defaultOnDemand) : gpu.defaultOnDemand();
                price.ifPresent(p -> v.putIfAbsent(ScenarioField.GPU_DOLLARS_PER_HOUR, p.usdPerGpuHour()));
                Precision typed = (Precision) v.get(ScenarioField.PRECISION);
                if (typed != null && gpu.computeFor(typed) == null) {
                    errors.add(new FieldError(ScenarioField.PRECISION.json(), lacksCompute(typed, gpu)));
                }
            }
        }
        trafficShape(v, errors);
        Workload workload = workload(v);
        Integer context = (Integer) v.get(ScenarioField.CONTEXT_TOKENS);
        if (context != null && context < workload.requestTokens()) {
            errors.add(new FieldError(ScenarioField.CONTEXT_TOKENS.json(), context + " is less than the "
                    + workload.requestTokens() + " tokens one request uses (prompt + completion): "
                    + ScenarioField.CONTEXT_TOKENS.allowed()));
        }
        if (searching) {
            search(v, errors, open, model, workload);
        } else if (model != null && gpu != null && (errors.isEmpty() || gpu.computeFor(precisionOf(v)) != null)) {
            hardware(v, errors, model, gpu, workload);
        }
        uncertainty(v, errors);
    }

    /**
     * The uncertainty inputs: a horizon needs a growth to apply it to; a range must be for an input
     * that prices this scenario (split hosted prices, or the blended one), and must hold the value the
     * verdict is priced at, when that value is known before deciding (not an estimate or a search's choice).
     */
    private static void uncertainty(Map<ScenarioField, Object> v, List<FieldError> errors) {
        if (v.containsKey(ScenarioField.HORIZON_MONTHS) && !v.containsKey(ScenarioField.VOLUME_GROWTH_PER_MONTH)) {
            errors.add(new FieldError(ScenarioField.HORIZON_MONTHS.json(), "needs volumeGrowthPerMonth: the horizon is how long the"
                    + " volume grows for; give the growth a month too, e.g. 0.05, or leave horizonMonths out"));
        }
        @SuppressWarnings("unchecked")
        Map<String, GivenRange> ranges = (Map<String, GivenRange>) v.get(ScenarioField.RANGES);
        if (ranges == null) {
            return;
        }
        boolean split = v.containsKey(ScenarioField.HOSTED_INPUT_PRICE_PER_1M) && v.containsKey(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M)
                && v.containsKey(ScenarioField.INPUT_TOKENS) && v.containsKey(ScenarioField.OUTPUT_TOKENS);
        boolean estimating = !v.containsKey(ScenarioField.REQUESTS_PER_SECOND) && v.containsKey(ScenarioField.OPEN_MODEL)
                && v.containsKey(ScenarioField.GPU_TYPE);
        ranges.forEach((name, range) -> {
            ScenarioField f = ScenarioField.byJson(name).orElseThrow();
            if (f == ScenarioField.HOSTED_PRICE_PER_1K_TOKENS && split) {
                errors.add(new FieldError(ScenarioField.RANGES.json(), name + " does not price this scenario: input and output"
                        + " are priced separately, so give ranges for hostedInputPricePer1M and hostedOutputPricePer1M"));
                return;
            }
            if ((f == ScenarioField.HOSTED_INPUT_PRICE_PER_1M || f == ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M) && !split) {
                errors.add(new FieldError(ScenarioField.RANGES.json(), name + " does not price this scenario: input and output"
                        + " are not priced separately, so give a range for hostedPricePer1kTokens"));
                return;
            }
            boolean unknownYet = (f == ScenarioField.REQUESTS_PER_SECOND && estimating)
                    || (f == ScenarioField.GPU_DOLLARS_PER_HOUR && !v.containsKey(f));
            if (unknownYet) {
                return;
            }
            double value = ((Number) orDefault(v, f)).doubleValue();
            if (!range.contains(value)) {
                errors.add(new FieldError(ScenarioField.RANGES.json(), String.format(Locale.ROOT,
                        "%s [%s, %s] leaves out the %s the verdict is priced at%s: widen the range, or give %s inside it",
                        name, plain(range.low()), plain(range.high()), plain(value),
                        v.containsKey(f) ? "" : " (the default)", name)));
            }
        });
    }

    private static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /**
     * A request must cost something on the hosted API: every break-even volume divides by that cost. Only
     * split tokens or split prices can reach zero (each may be 0); the blended price and tokens cannot go
     * below {@link #MIN_HOSTED_PER_REQUEST}.
     */
    private static void hostedCostAboveNothing(Map<ScenarioField, Object> v, List<FieldError> errors) {
        Integer in = (Integer) v.get(ScenarioField.INPUT_TOKENS);
        Integer out = (Integer) v.get(ScenarioField.OUTPUT_TOKENS);
        if (in == null || out == null) {
            return;
        }
        if ((long) in + out == 0) {
            errors.add(new FieldError(ScenarioField.INPUT_TOKENS.json(), "and outputTokens are both 0: a request uses some"
                    + " tokens; give the prompt and completion tokens of one request, e.g. 900 and 300"));
            return;
        }
        Double inPrice = (Double) v.get(ScenarioField.HOSTED_INPUT_PRICE_PER_1M);
        Double outPrice = (Double) v.get(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M);
        if (inPrice == null || outPrice == null) {
            return;
        }
        double perRequest = in * inPrice / 1e6 + out * outPrice / 1e6;
        if (perRequest < MIN_HOSTED_PER_REQUEST) {
            errors.add(new FieldError(ScenarioField.HOSTED_INPUT_PRICE_PER_1M.json(), String.format(Locale.ROOT,
                    "and hostedOutputPricePer1M make a request of %d input and %d output tokens cost $%s on the hosted API,"
                            + " below the limit of $%s: give the prices of the tokens a request uses", in, out,
                    FieldMetadata.number(perRequest), FieldMetadata.number(MIN_HOSTED_PER_REQUEST))));
        }
    }

    /** True when nothing typed pins the hardware or the throughput, so a search can choose them. */
    private static boolean leavesHardwareToSearch(Map<ScenarioField, Object> v) {
        return !v.containsKey(ScenarioField.REQUESTS_PER_SECOND)
                && !Boolean.TRUE.equals(v.get(ScenarioField.THROUGHPUT_MEASURED))
                && !v.containsKey(ScenarioField.GPUS_PER_REPLICA)
                && !v.containsKey(ScenarioField.GPU_DOLLARS_PER_HOUR);
    }

    private static Precision precisionOf(Map<ScenarioField, Object> v) {
        return (Precision) orDefault(v, ScenarioField.PRECISION);
    }

    /**
     * "FP8 needs FP8 compute, which a100-80gb (NVIDIA A100 80GB SXM) lacks: choose BF16, INT8 or INT4,
     * or a GPU with FP8 such as h100-80gb".
     */
    private String lacksCompute(Precision precision, Gpu gpu) {
        List<String> instead = Arrays.stream(Precision.values())
                .filter(p -> p != Precision.FP16 && p != Precision.MXFP4 && gpu.computeFor(p) != null)
                .map(Enum::name).toList();
        List<String> gpus = catalog.gpus().stream().filter(g -> g.computeFor(precision) == precision.computeOn(true, true))
                .map(Gpu::id).limit(3).toList();
        return precision + " needs " + precision.compute().label() + " compute, which " + gpu.id() + " (" + gpu.name()
                + ") lacks: choose " + orList(instead) + ", or a GPU with " + precision.compute().label() + " such as "
                + orList(gpus);
    }

    private static String orList(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /**
     * gpuType auto: the search chooses the GPU, its count, the precision (unless one was given) and
     * the price, and estimates the throughput, so none of those may be typed; and some configuration
     * in the catalog has to hold the model at all.
     */
    private void search(Map<ScenarioField, Object> v, List<FieldError> errors, String open, OpenModel model,
                        Workload workload) {
        if (open == null) {
            errors.add(new FieldError(ScenarioField.OPEN_MODEL.json(), "is needed when gpuType is auto: the search sizes GPUs for"
                    + " an open model; " + ScenarioField.OPEN_MODEL.allowed()));
        }
        for (ScenarioField chosen : List.of(ScenarioField.GPUS_PER_REPLICA, ScenarioField.GPU_DOLLARS_PER_HOUR)) {
            if (v.containsKey(chosen)) {
                errors.add(new FieldError(chosen.json(), "is chosen by the search when gpuType is auto: leave it out,"
                        + " or name a gpuType to price your own"));
            }
        }
        if (v.containsKey(ScenarioField.REQUESTS_PER_SECOND) || Boolean.TRUE.equals(v.get(ScenarioField.THROUGHPUT_MEASURED))) {
            errors.add(new FieldError(ScenarioField.REQUESTS_PER_SECOND.json(), "cannot be given when gpuType is auto: the search"
                    + " estimates each configuration's throughput; name the gpuType your figure was measured on"));
        }
        if (model == null) {
            return;
        }
        Precision typed = (Precision) v.get(ScenarioField.PRECISION);
        if (!ConfigurationSearcher.anyConfigurationFits(catalog, model, typed, workload.contextTokens())) {
            errors.add(new FieldError(ScenarioField.GPU_TYPE.json(), String.format(Locale.ROOT,
                    "auto finds no catalog GPU that holds %s at %s with room for one %d-token request, even %d per replica:"
                            + " choose a smaller model%s", model.id(),
                    typed != null ? typed.name() : "any precision it ships in", workload.contextTokens(),
                    ReplicaSizing.maxGpusPerReplica(), typed != null ? " or a lower precision" : "")));
        }
    }

    /** With hourly weights, the peak-to-average ratio is theirs; a typed ratio must agree with them. */
    private static void trafficShape(Map<ScenarioField, Object> v, List<FieldError> errors) {
        @SuppressWarnings("unchecked")
        List<Double> weights = (List<Double>) v.get(ScenarioField.HOURLY_WEIGHTS);
        if (weights == null) {
            return;
        }
        double derived = TrafficProfile.fromHourlyWeights(weights).peakToAverage();
        Object typed = v.get(ScenarioField.PEAK_TO_AVERAGE);
        if (typed == null) {
            v.put(ScenarioField.PEAK_TO_AVERAGE, derived);
        } else if (Math.abs((Double) typed - derived) > 1e-9 * derived) {
            errors.add(new FieldError(ScenarioField.PEAK_TO_AVERAGE.json(), "is " + typed + " but the hourlyWeights give "
                    + String.format(Locale.ROOT, "%.4g", derived) + " (their busiest hour divided by their average);"
                    + " leave peakToAverage out when you give hourlyWeights"));
        }
    }

    /**
     * With a model and a GPU named, memory decides the GPUs per replica unless they were typed, and
     * a typed count must at least hold the weights. When the throughput is to be estimated, there
     * must also be room for one request's KV cache, and there is no measured figure to speak of.
     */
    private void hardware(Map<ScenarioField, Object> v, List<FieldError> errors, OpenModel model, Gpu gpu,
                          Workload workload) {
        Precision precision = (Precision) orDefault(v, ScenarioField.PRECISION);
        boolean estimating = !v.containsKey(ScenarioField.REQUESTS_PER_SECOND);
        if (estimating && Boolean.TRUE.equals(v.get(ScenarioField.THROUGHPUT_MEASURED))) {
            errors.add(new FieldError(ScenarioField.REQUESTS_PER_SECOND.json(), "is needed when throughputMeasured is true:"
                    + " give the requests per second your load test reached, or leave throughputMeasured out and"
                    + " Hostwise will estimate it from " + model.id() + " on " + gpu.id()));
        }
        ReplicaSizing sizing = new ReplicaSizing(catalog.calibration());
        Integer typed = (Integer) v.get(ScenarioField.GPUS_PER_REPLICA);
        double weightsGb = ReplicaSizing.weightBytes(model, precision) / 1e9;
        if (typed != null) {
            if (!ReplicaSizing.weightsFit(model, gpu, precision, typed)) {
                errors.add(new FieldError(ScenarioField.GPUS_PER_REPLICA.json(), String.format(Locale.ROOT,
                        "%d x %s hold %.0f GB, but %s at %s needs %.1f GB for its weights alone: use more GPUs,"
                                + " a lower precision or a bigger GPU", typed, gpu.id(), typed * gpu.memoryGB(), model.id(),
                        precision, weightsGb)));
            } else if (estimating && sizing.maxBatchByMemory(model, gpu, precision, typed, workload.contextTokens()) < 1) {
                errors.add(new FieldError(ScenarioField.GPUS_PER_REPLICA.json(), String.format(Locale.ROOT,
                        "%d x %s hold the %.1f GB of %s weights but leave no room for the KV cache of one %d-token"
                                + " request: use more GPUs, or leave gpusPerReplica out to size it from memory",
                        typed, gpu.id(), weightsGb, model.id(), workload.contextTokens())));
            }
            return;
        }
        OptionalInt gpus = sizing.minimumGpus(model, gpu, precision, workload.contextTokens());
        if (gpus.isEmpty()) {
            errors.add(new FieldError(ScenarioField.GPU_TYPE.json(), String.format(Locale.ROOT,
                    "%s at %s (%.1f GB of weights) does not fit on up to %d x %s with room for one request:"
                            + " choose a bigger GPU or a lower precision", model.id(), precision, weightsGb,
                    ReplicaSizing.maxGpusPerReplica(), gpu.id())));
        } else {
            v.put(ScenarioField.GPUS_PER_REPLICA, gpus.getAsInt());
        }
    }

    private static Workload workload(Map<ScenarioField, Object> v) {
        return Workload.of((Integer) v.get(ScenarioField.INPUT_TOKENS), (Integer) v.get(ScenarioField.OUTPUT_TOKENS),
                integer(v, ScenarioField.TOKENS_PER_REQUEST), (Integer) v.get(ScenarioField.CONTEXT_TOKENS),
                num(v, ScenarioField.MAX_SECONDS_PER_REQUEST), (Integer) v.get(ScenarioField.MAX_CONCURRENCY));
    }

    private static void bothOrNeither(Map<ScenarioField, Object> v, List<FieldError> errors,
                                      ScenarioField a, ScenarioField b) {
        if (v.containsKey(a) != v.containsKey(b)) {
            ScenarioField missing = v.containsKey(a) ? b : a;
            ScenarioField given = v.containsKey(a) ? a : b;
            if (errors.stream().anyMatch(e -> e.field().equals(missing.json()))) {
                // it was given, but its value was refused: that error says what to fix
                return;
            }
            errors.add(new FieldError(missing.json(), "is needed too when " + given.json()
                    + " is given (they go together): " + missing.allowed()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Scenario build(Map<ScenarioField, Object> v) {
        // no figure, a model and a GPU (or a search): the estimator fills it in; otherwise the figure given or the default
        boolean estimating = !v.containsKey(ScenarioField.REQUESTS_PER_SECOND)
                && v.containsKey(ScenarioField.OPEN_MODEL) && v.containsKey(ScenarioField.GPU_TYPE);
        // a search chooses the GPU count, its price and (unless given) the precision: the scenario keeps them open
        boolean searching = Scenario.AUTO.equals(v.get(ScenarioField.GPU_TYPE));
        return new Scenario(
                num(v, ScenarioField.REQUESTS_PER_DAY),
                num(v, ScenarioField.PEAK_TO_AVERAGE),
                (List<Double>) v.get(ScenarioField.HOURLY_WEIGHTS),
                integer(v, ScenarioField.TOKENS_PER_REQUEST),
                (Integer) v.get(ScenarioField.INPUT_TOKENS),
                (Integer) v.get(ScenarioField.OUTPUT_TOKENS),
                (Integer) v.get(ScenarioField.CONTEXT_TOKENS),
                num(v, ScenarioField.HOSTED_PRICE_PER_1K_TOKENS),
                (Double) v.get(ScenarioField.HOSTED_INPUT_PRICE_PER_1M),
                (Double) v.get(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M),
                (String) v.get(ScenarioField.HOSTED_MODEL),
                searching ? null : num(v, ScenarioField.GPU_DOLLARS_PER_HOUR),
                searching ? null : integer(v, ScenarioField.GPUS_PER_REPLICA),
                (String) v.get(ScenarioField.GPU_TYPE),
                (PricingMode) orDefault(v, ScenarioField.PRICING_MODE),
                integer(v, ScenarioField.MIN_REPLICAS),
                (String) v.get(ScenarioField.OPEN_MODEL),
                searching ? (Precision) v.get(ScenarioField.PRECISION) : (Precision) orDefault(v, ScenarioField.PRECISION),
                estimating ? null : num(v, ScenarioField.REQUESTS_PER_SECOND),
                (Boolean) orDefault(v, ScenarioField.THROUGHPUT_MEASURED),
                num(v, ScenarioField.MAX_SECONDS_PER_REQUEST),
                (Integer) v.get(ScenarioField.MAX_CONCURRENCY),
                num(v, ScenarioField.UTILIZATION),
                num(v, ScenarioField.OPS_COST_PER_MONTH),
                num(v, ScenarioField.OTHER_COST_PER_MONTH),
                (TaskType) v.get(ScenarioField.TASK_TYPE),
                (QualityNeed) v.get(ScenarioField.QUALITY_NEED),
                (PrivacyNeed) v.get(ScenarioField.PRIVACY_NEED),
                (Double) v.get(ScenarioField.QUALITY_EVAL_SCORE),
                (Double) v.get(ScenarioField.QUALITY_BAR),
                (Double) v.get(ScenarioField.VOLUME_GROWTH_PER_MONTH),
                // a growth needs a horizon: the default is filled in, like every default, so the stored scenario says it
                v.containsKey(ScenarioField.VOLUME_GROWTH_PER_MONTH)
                        ? (Integer) v.getOrDefault(ScenarioField.HORIZON_MONTHS, UncertainInputs.DEFAULT_HORIZON_MONTHS) : null,
                (Map<String, GivenRange>) v.get(ScenarioField.RANGES));
    }

    private static Object orDefault(Map<ScenarioField, Object> v, ScenarioField f) {
        return v.containsKey(f) ? v.get(f) : f.defaultValue().orElseThrow();
    }

    private static double num(Map<ScenarioField, Object> v, ScenarioField f) {
        return ((Number) orDefault(v, f)).doubleValue();
    }

    private static int integer(Map<ScenarioField, Object> v, ScenarioField f) {
        return ((Number) orDefault(v, f)).intValue();
    }

    private static String unknownFieldMessage(String name) {
        List<String> fields = Arrays.stream(ScenarioField.values()).map(ScenarioField::json).toList();
        Optional<String> near = name.length() <= MAX_SUGGESTED_KEY ? nearest(name, fields) : Optional.empty();
        return near.map(s -> "is not a scenario field; did you mean " + s + "?")
                .orElse("is not a scenario field; the fields are " + String.join(", ", fields));
    }

    private static String unknownId(String what, String given, List<String> ids) {
        String typed = ValueParser.echo(given);
        Optional<String> near = given.length() <= MAX_SUGGESTED_KEY ? nearest(given, ids) : Optional.empty();
        return near.map(s -> "'" + typed + "' is not a " + what + " in the catalog; did you mean " + s + "?")
                .orElse("'" + typed + "' is not a " + what + " in the catalog; choose one of " + String.join(", ", ids));
    }

    static Optional<String> nearest(String given, List<String> candidates) {
        return Suggestions.nearest(given, candidates, MAX_SUGGESTION_DISTANCE);
    }
}
