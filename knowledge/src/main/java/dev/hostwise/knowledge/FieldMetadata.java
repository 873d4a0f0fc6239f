package dev.hostwise.knowledge;

import static dev.hostwise.knowledge.FieldMetadata.Section.COSTS;
import static dev.hostwise.knowledge.FieldMetadata.Section.OUTLOOK;
import static dev.hostwise.knowledge.FieldMetadata.Section.SIZING;
import static dev.hostwise.knowledge.FieldMetadata.Section.WORKLOAD;
import static dev.hostwise.knowledge.FieldMetadata.Widget.CHECKBOX;
import static dev.hostwise.knowledge.FieldMetadata.Widget.NUMBER;
import static dev.hostwise.knowledge.FieldMetadata.Widget.NUMBERS;
import static dev.hostwise.knowledge.FieldMetadata.Widget.RADIO;
import static dev.hostwise.knowledge.FieldMetadata.Widget.SELECT;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How every form shows one scenario field: its label, the note added to its meaning, the section and
 * widget it sits in, its key in the one-line form, the catalog fields a pick of it fills in, and its
 * lower and upper bounds. {@link ScenarioField} says what a field <em>is</em> (JSON name, kind, default,
 * meaning, allowed values); this table says how people are asked for it. The Slack modal, the web
 * form, the quick form, the CLI flags and any later chat dialog are all generated from the two.
 *
 * <p>{@link #ALL} is in form order: the order the fields are asked, section by section. Adding a
 * scenario field means its {@link ScenarioField} constant, the model code that uses it, and one
 * entry here; a field without an entry stops the class from loading, naming the field.
 *
 * @param field    the scenario field
 * @param label    what a person reads beside the input: "Requests per day"
 * @param section  the part of the form it is asked in
 * @param widget   how it is asked
 * @param quickKey its key in the one-line form, if it has one
 * @param note     said after its meaning in hints, e.g. what leaving it empty does
 * @param min      the smallest value accepted (numbers, and each hourly weight); empty for other kinds
 * @param max      the largest value accepted (numbers, and each hourly weight); empty for other kinds
 * @param fills    for a catalog picker: the fields its pick fills in from the catalog
 * @param choices  for a field of the scenario's own enums: its answers (catalog pickers get theirs from the catalog)
 * @param checked  for a checkbox: the words beside the box, and their description
 */
public record FieldMetadata(
        ScenarioField field,
        String label,
        Section section,
        Widget widget,
        Optional<QuickKey> quickKey,
        Optional<String> note,
        Optional<Double> min,
        Optional<Double> max,
        Set<ScenarioField> fills,
        List<Choice> choices,
        Optional<Choice> checked) {

    /** The parts of a form, in order. */
    public enum Section {
        WORKLOAD("The workload"),
        COSTS("Cost assumptions"),
        SIZING("Sizing"),
        OUTLOOK("Growth and uncertainty");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** How a field is asked, whatever the surface draws it with. */
    public enum Widget {
        /** A number typed as text, so that 50k, $1.20 and 30% work. */
        NUMBER,
        /** A list of numbers typed as comma-separated text (the hourly weights, or ranges as name=low..high). */
        NUMBERS,
        /** One of a list (an enum or a catalog), in a drop-down. */
        SELECT,
        /** One of a few, all shown at once. */
        RADIO,
        /** A yes/no box; unticked means false. */
        CHECKBOX
    }

    /**
     * How a field is typed in the one-line form ({@code /selfhost 50000/day task=classification measured}).
     *
     * @param key   what a user types before {@code =}
     * @param alias another word for the same key, if any
     * @param form  how the value is given
     * @param order where the key is listed in help (keys are listed in the order people reach for them)
     */
    public record QuickKey(String key, Optional<String> alias, Form form, int order) {

        /** How a key's value is given. */
        public enum Form {
            /** {@code key=value}. */
            VALUE,
            /** The value alone, ending in {@code /day}: {@code 50000/day}. */
            PER_DAY,
            /** The key alone means true: {@code measured}. */
            FLAG
        }

        /** The key as help shows it: {@code task=…}, {@code measured}, {@code 50000/day}. */
        public String example() {
            return switch (form) {
                case PER_DAY -> "50000/day";
                case FLAG -> key;
                case VALUE -> key + "=…";
            };
        }

        /** The key as messages name it: {@code `task`}, or "the volume (`NNN/day`)". */
        public String inMessages() {
            return form == Form.PER_DAY ? "the volume (`NNN/day`)" : "`" + key + "`";
        }
    }

    /**
     * One answer of a choice: what is sent, what a person reads, and a line that explains it.
     *
     * @param value the value the scenario reader takes (an enum name, a catalog id, {@code true})
     * @param label what a person reads
     * @param hint  a short explanation, if any
     */
    public record Choice(String value, String label, Optional<String> hint) {
    }

    /** Every field in form order; one entry per {@link ScenarioField}. */
    public static final List<FieldMetadata> ALL = List.of(
            entry(ScenarioField.REQUESTS_PER_DAY, "Requests per day", WORKLOAD, NUMBER)
                    .key(1, "NNN/day", QuickKey.Form.PER_DAY).range(0.001, 1e12),
            entry(ScenarioField.PEAK_TO_AVERAGE, "Peak-to-average ratio", WORKLOAD, NUMBER).key(8, "peak").range(1, 1_000),
            entry(ScenarioField.TOKENS_PER_REQUEST, "Tokens per request", WORKLOAD, NUMBER).key(5, "tokens").range(1, 10_000_000)
                    .note("ignored when input and output tokens are both given"),
            entry(ScenarioField.INPUT_TOKENS, "Input tokens per request", WORKLOAD, NUMBER).key(6, "input").range(0, 5_000_000),
            entry(ScenarioField.OUTPUT_TOKENS, "Output tokens per request", WORKLOAD, NUMBER).key(7, "output").range(0, 5_000_000),
            entry(ScenarioField.TASK_TYPE, "Task type", WORKLOAD, SELECT).key(2, "task")
                    .choices(TaskType.values(), TaskType::label, TaskType::hint),
            entry(ScenarioField.QUALITY_NEED, "Quality need", WORKLOAD, RADIO).key(3, "quality")
                    .choices(QualityNeed.values(), QualityNeed::label, QualityNeed::hint),
            entry(ScenarioField.PRIVACY_NEED, "Privacy need", WORKLOAD, RADIO).key(4, "privacy")
                    .choices(PrivacyNeed.values(), PrivacyNeed::label, PrivacyNeed::hint),
            // quality from your own evaluation: give both, or neither (then the catalog judges it)
            entry(ScenarioField.QUALITY_EVAL_SCORE, "Your evaluation's pass rate", WORKLOAD, NUMBER).key(28, "eval-score")
                    .range(0, 1).note("give the pass rate needed too; leave both blank for the catalog's judgement"),
            entry(ScenarioField.QUALITY_BAR, "Pass rate the task needs", WORKLOAD, NUMBER).key(29, "quality-bar").range(0, 1)
                    .note("on the same evaluation set"),

            entry(ScenarioField.HOSTED_MODEL, "Hosted model", COSTS, SELECT).key(9, "model", "hosted")
                    .fills(ScenarioField.HOSTED_INPUT_PRICE_PER_1M, ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M),
            entry(ScenarioField.HOSTED_PRICE_PER_1K_TOKENS, "Hosted price, $ per 1k tokens", COSTS, NUMBER).key(10, "price")
                    .range(0.0000001, 1_000).note("ignored when input and output prices are both given"),
            entry(ScenarioField.HOSTED_INPUT_PRICE_PER_1M, "Hosted input price, $ per 1M tokens", COSTS, NUMBER)
                    .key(11, "input-price").range(0, 1_000_000),
            entry(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M, "Hosted output price, $ per 1M tokens", COSTS, NUMBER)
                    .key(12, "output-price").range(0, 1_000_000),
            entry(ScenarioField.GPU_TYPE, "GPU type", COSTS, SELECT).key(15, "gpu-type")
                    .fills(ScenarioField.GPU_DOLLARS_PER_HOUR),
            entry(ScenarioField.GPU_DOLLARS_PER_HOUR, "GPU price, $ per GPU-hour", COSTS, NUMBER).key(13, "gpu").range(0.001, 10_000),
            entry(ScenarioField.GPUS_PER_REPLICA, "GPUs per replica", COSTS, NUMBER).key(14, "gpus").range(1, 64),
            entry(ScenarioField.OPEN_MODEL, "Open model", COSTS, SELECT).key(16, "open-model")
                    .note("Llama 2 13B when none is picked"),
            entry(ScenarioField.REQUESTS_PER_SECOND, "Throughput per replica, requests per second", COSTS, NUMBER)
                    .key(17, "rps").range(0.000001, 1e9)
                    .note("leave blank to estimate it from the open model and GPU type; 4 when neither is picked"),
            entry(ScenarioField.THROUGHPUT_MEASURED, "Throughput source", COSTS, CHECKBOX)
                    .key(18, "measured", QuickKey.Form.FLAG)
                    .checked("Throughput was load-tested", "with our own prompts at peak concurrency"),
            entry(ScenarioField.UTILIZATION, "Utilisation", COSTS, NUMBER).key(19, "util").range(0.001, 1),
            entry(ScenarioField.OPS_COST_PER_MONTH, "Ops cost per month, $", COSTS, NUMBER).key(20, "ops").range(0, 100_000_000),
            entry(ScenarioField.OTHER_COST_PER_MONTH, "Other costs per month, $", COSTS, NUMBER).key(21, "other")
                    .range(0, 100_000_000),

            entry(ScenarioField.PRICING_MODE, "Pricing mode", SIZING, SELECT).key(22, "pricing", "mode")
                    .choices(PricingMode.values(), PricingMode::label, p -> null),
            entry(ScenarioField.MIN_REPLICAS, "Replica floor", SIZING, NUMBER).key(23, "min-replicas", "floor").range(1, 10_000),
            entry(ScenarioField.PRECISION, "Weight precision", SIZING, SELECT).key(24, "precision")
                    .choices(Precision.values(), Precision::name, p -> null),
            entry(ScenarioField.CONTEXT_TOKENS, "Context tokens per request", SIZING, NUMBER).key(25, "context")
                    .range(1, 10_000_000),
            entry(ScenarioField.MAX_SECONDS_PER_REQUEST, "Latency target, seconds per request", SIZING, NUMBER)
                    .key(26, "latency").range(0.001, 1_000_000),
            entry(ScenarioField.MAX_CONCURRENCY, "Max requests in flight per replica", SIZING, NUMBER)
                    .key(27, "concurrency").range(1, 1_000_000),
            entry(ScenarioField.HOURLY_WEIGHTS, "Traffic by hour (24 weights)", SIZING, NUMBERS).range(0, 1e9)
                    .note("comma-separated, midnight first; replaces the peak-to-average ratio"),

            // growth at most doubling a month and a horizon of ten years: within them the volume's range
            // stays a number (UncertainInputs also holds it inside requestsPerDay's own bounds)
            entry(ScenarioField.VOLUME_GROWTH_PER_MONTH, "Volume growth per month", OUTLOOK, NUMBER).key(30, "growth")
                    .range(-0.99, 1).note("leave blank when the volume is steady"),
            entry(ScenarioField.HORIZON_MONTHS, "Horizon in months", OUTLOOK, NUMBER).key(31, "horizon").range(1, 120),
            entry(ScenarioField.RANGES, "Ranges of uncertain inputs", OUTLOOK, NUMBERS)
                    .note("name=low..high, comma-separated, e.g. utilization=0.2..0.5; the inputs that take one are "
                            + "requestsPerSecond, requestsPerDay, utilization, gpuDollarsPerHour, the hosted prices, "
                            + "opsCostPerMonth and otherCostPerMonth"));

    /**
     * Fields the chat forms (the Slack modal, a Mattermost dialog) leave out: they stay in JSON, the API,
     * the CLI and the web form. {@code ranges} needs a small syntax of its own and is for reviewers who
     * challenge a verdict, not for the first question in a channel; a chat dialog's length is limited too.
     */
    private static final Set<ScenarioField> NOT_IN_CHAT_FORMS = EnumSet.of(ScenarioField.RANGES);

    private static final Map<ScenarioField, FieldMetadata> BY_FIELD = byField();

    public FieldMetadata {
        fills = Set.copyOf(fills);
        choices = List.copyOf(choices);
    }

    /** The metadata of a field. */
    public static FieldMetadata of(ScenarioField field) {
        return BY_FIELD.get(field);
    }

    /** False for a field chat forms leave out (see {@link #NOT_IN_CHAT_FORMS}); JSON, the CLI and the web form have every field. */
    public boolean inChatForms() {
        return !NOT_IN_CHAT_FORMS.contains(field);
    }

    /**
     * Sorted once: every quick form looks keys up in this list, several times a command, and sorting it each time was
     * a fifth of the CPU of acknowledging a quick form (BENCHMARKS.md, "Time-to-ack").
     */
    private static final List<FieldMetadata> WITH_QUICK_KEYS = ALL.stream().filter(m -> m.quickKey().isPresent())
            .sorted(Comparator.comparingInt(m -> m.quickKey().get().order()))
            .toList();

    /** The fields that have a one-line-form key, in the order help lists them. */
    public static List<FieldMetadata> withQuickKeys() {
        return WITH_QUICK_KEYS;
    }

    /**
     * The field's meaning as a sentence for a hint under its input, with JSON names in the words of
     * the labels and the note after it: "Prompt + completion tokens per request (ignored when …)."
     */
    public String hint() {
        String m = field.meaning();
        return Character.toUpperCase(m.charAt(0)) + inWords(m.substring(1)) + note.map(n -> " (" + n + ")").orElse("") + ".";
    }

    /**
     * The bounds of a numeric field in words, e.g. "0.001 or more and at most 1,000,000,000,000"; both
     * come from this table ({@link #min}, {@link #max}). Empty for fields that are not numbers.
     */
    public Optional<String> bounds() {
        return min.flatMap(l -> max.map(m -> number(l) + " or more and at most " + number(m)));
    }

    /** Replaces scenario JSON names in a sentence by the labels forms show ("outputTokens" → "output tokens per request"). */
    public static String inWords(String text) {
        return ScenarioField.renameInText(text, f -> of(f).label().toLowerCase(java.util.Locale.ROOT));
    }

    /** A bound as people read it: 1,000,000,000,000, 1,000, 0.5. */
    public static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? grouped((long) d)
                : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /**
     * Digits in threes, as {@code String.format(Locale.ROOT, "%,d", v)} writes them, without parsing a format string
     * on every call: a quick form with a value out of bounds is answered with the bound in the acknowledgement, where
     * the format was a sixth of the CPU.
     */
    private static String grouped(long v) {
        String digits = Long.toString(Math.abs(v));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (v < 0) {
            out.append('-');
        }
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    private static Map<ScenarioField, FieldMetadata> byField() {
        Map<ScenarioField, FieldMetadata> map = new EnumMap<>(ScenarioField.class);
        for (FieldMetadata m : ALL) {
            if (map.put(m.field(), m) != null) {
                throw new IllegalStateException("FieldMetadata.ALL lists " + m.field() + " twice; give each field one entry");
            }
        }
        Set<ScenarioField> missing = EnumSet.allOf(ScenarioField.class);
        missing.removeAll(map.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("FieldMetadata.ALL has no entry for " + missing.stream().map(ScenarioField::json)
                    .collect(Collectors.joining(", ")) + ": add one (label, section, widget, key, bound) so every form asks it");
        }
        return map;
    }

    // ---- building the table ----

    private static FieldMetadata entry(ScenarioField field, String label, Section section, Widget widget) {
        return new FieldMetadata(field, label, section, widget, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Set.of(), List.of(), Optional.empty());
    }

    private FieldMetadata key(int order, String key) {
        return key(order, key, QuickKey.Form.VALUE);
    }

    private FieldMetadata key(int order, String key, String alias) {
        return with(Optional.of(new QuickKey(key, Optional.of(alias), QuickKey.Form.VALUE, order)));
    }

    private FieldMetadata key(int order, String key, QuickKey.Form form) {
        return with(Optional.of(new QuickKey(key, Optional.empty(), form, order)));
    }

    private FieldMetadata with(Optional<QuickKey> k) {
        return new FieldMetadata(field, label, section, widget, k, note, min, max, fills, choices, checked);
    }

    private FieldMetadata note(String text) {
        return new FieldMetadata(field, label, section, widget, quickKey, Optional.of(text), min, max, fills, choices, checked);
    }

    /** The least and the greatest value accepted: both far past any real workload, so nothing between them overflows. */
    private FieldMetadata range(double lower, double upper) {
        return new FieldMetadata(field, label, section, widget, quickKey, note, Optional.of(lower), Optional.of(upper), fills,
                choices, checked);
    }

    private FieldMetadata fills(ScenarioField... filled) {
        return new FieldMetadata(field, label, section, widget, quickKey, note, min, max, Set.of(filled), choices, checked);
    }

    private FieldMetadata checked(String text, String description) {
        return new FieldMetadata(field, label, section, widget, quickKey, note, min, max, fills, choices,
                Optional.of(new Choice("true", text, Optional.of(description))));
    }

    private <E extends Enum<E>> FieldMetadata choices(E[] values, Function<E, String> labelOf, Function<E, String> hintOf) {
        List<Choice> answers = Arrays.stream(values)
                .map(v -> new Choice(v.name(), labelOf.apply(v), Optional.ofNullable(hintOf.apply(v)))).toList();
        return new FieldMetadata(field, label, section, widget, quickKey, note, min, max, fills, answers, checked);
    }
}
