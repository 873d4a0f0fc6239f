package dev.hostwise.bot.web;

import static dev.hostwise.bot.web.Html.esc;

import dev.hostwise.knowledge.FieldError;
import dev.hostwise.knowledge.PrivacyNeed;
import dev.hostwise.knowledge.QualityNeed;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.TaskType;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.HostedModel;
import dev.hostwise.knowledge.catalog.OpenModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scenario form of local mode ({@code GET /}): what the Slack modal asks, as a plain HTML form.
 * Every {@link ScenarioField} gets an input, catalog ids get pickers, defaults are filled in, and
 * after a rejected submit each bad field shows its message under it with the user's text kept.
 */
public final class ScenarioForm {

    /** An option of a picker: the value sent, and what a person reads. */
    private record Option(String value, String label) {
    }

    /** A section of the form. */
    private record Section(String title, Set<ScenarioField> fields) {
    }

    /** Sections in the order the Slack modal asks; fields not listed (new ones) land in a last section. */
    private static final List<Section> SECTIONS = List.of(
            new Section("Workload", Set.of(ScenarioField.REQUESTS_PER_DAY, ScenarioField.PEAK_TO_AVERAGE,
                    ScenarioField.TOKENS_PER_REQUEST, ScenarioField.INPUT_TOKENS, ScenarioField.OUTPUT_TOKENS)),
            new Section("Task, quality and data", Set.of(ScenarioField.TASK_TYPE, ScenarioField.QUALITY_NEED,
                    ScenarioField.PRIVACY_NEED)),
            new Section("Hosted API", Set.of(ScenarioField.HOSTED_MODEL, ScenarioField.HOSTED_PRICE_PER_1K_TOKENS,
                    ScenarioField.HOSTED_INPUT_PRICE_PER_1M, ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M)),
            new Section("Self-hosting", Set.of(ScenarioField.OPEN_MODEL, ScenarioField.GPU_TYPE, ScenarioField.GPU_DOLLARS_PER_HOUR,
                    ScenarioField.GPUS_PER_REPLICA, ScenarioField.REQUESTS_PER_SECOND, ScenarioField.THROUGHPUT_MEASURED,
                    ScenarioField.UTILIZATION, ScenarioField.OPS_COST_PER_MONTH)));

    /**
     * Fields a picker fills from the catalog. Prefilling their default would silently override the
     * picked GPU's price, so they start empty and say what empty means.
     */
    private static final Set<ScenarioField> FILLED_BY_PICKER = Set.of(ScenarioField.GPU_DOLLARS_PER_HOUR);

    private final Catalog catalog;

    public ScenarioForm(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The form's starting values: every default, as text. */
    public Map<String, String> defaults() {
        Map<String, String> values = new LinkedHashMap<>();
        for (ScenarioField f : ScenarioField.values()) {
            if (!FILLED_BY_PICKER.contains(f)) {
                f.defaultValue().ifPresent(d -> values.put(f.json(), ScenarioValues.text(d)));
            }
        }
        return values;
    }

    /**
     * @param values the text to show in each field, by JSON name (the user's, after a rejected submit)
     * @param errors the problems to show, each under its field
     */
    public String render(Map<String, String> values, List<FieldError> errors) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        List<String> elsewhere = new ArrayList<>();
        for (FieldError e : errors) {
            if (ScenarioField.byJson(e.field()).isPresent()) {
                byField.computeIfAbsent(e.field(), k -> new ArrayList<>()).add(e.field() + " " + e.message());
            } else {
                elsewhere.add(e.field() + " " + e.message());
            }
        }
        StringBuilder b = new StringBuilder(24_576);
        b.append("<h1>Self-host an open LLM, or keep paying per token?</h1>\n")
                .append("<p class=\"lead\">Describe the workload. Hostwise prices both options, applies the policy "
                        + "(self-host only when volume, quality and privacy all hold) and gives you a verdict with a link "
                        + "you can cite in a design review.</p>\n");
        if (!errors.isEmpty()) {
            b.append("<div class=\"notice error\" id=\"form-errors\" role=\"alert\"><p><strong>")
                    .append(errors.size() == 1 ? "One field needs" : errors.size() + " fields need")
                    .append(" fixing.</strong> Your values are kept; each message sits under its field.</p>");
            if (!elsewhere.isEmpty()) {
                b.append("<ul>");
                elsewhere.forEach(m -> b.append("<li>").append(esc(m)).append("</li>"));
                b.append("</ul>");
            }
            b.append("</div>\n");
        }
        b.append("<form method=\"post\" action=\"/\" class=\"scenario-form\" novalidate>\n");
        List<ScenarioField> placed = new ArrayList<>();
        for (Section section : SECTIONS) {
            List<ScenarioField> fields = Arrays.stream(ScenarioField.values()).filter(section.fields()::contains).toList();
            fieldset(b, section.title(), fields, values, byField);
            placed.addAll(fields);
        }
        List<ScenarioField> rest = Arrays.stream(ScenarioField.values()).filter(f -> !placed.contains(f)).toList();
        if (!rest.isEmpty()) {
            fieldset(b, "More", rest, values, byField);
        }
        b.append("<p class=\"submit\"><button type=\"submit\" id=\"decide\">Decide</button></p>\n</form>\n");
        return b.toString();
    }

    private void fieldset(StringBuilder b, String legend, List<ScenarioField> fields, Map<String, String> values,
                          Map<String, List<String>> errors) {
        b.append("<fieldset>\n<legend>").append(esc(legend)).append("</legend>\n");
        for (ScenarioField f : fields) {
            field(b, f, values.get(f.json()), errors.getOrDefault(f.json(), List.of()));
        }
        b.append("</fieldset>\n");
    }

    private void field(StringBuilder b, ScenarioField f, String value, List<String> errors) {
        String name = f.json();
        String id = "f-" + name;
        boolean bad = !errors.isEmpty();
        b.append("<div class=\"field").append(bad ? " invalid" : "").append("\">\n");
        b.append("<label for=\"").append(id).append("\">").append(esc(capitalize(f.meaning())))
                .append(f.required() ? " <span class=\"required\">(required)</span>" : "")
                .append(" <code>").append(esc(name)).append("</code></label>\n");
        List<Option> options = options(f);
        // a picker's options say what is allowed; text inputs get the allowed values as a hint
        boolean hinted = options == null;
        String describedBy = ((hinted ? "hint-" + name : "") + (bad ? " err-" + name : "")).trim();
        String common = " id=\"" + id + "\" name=\"" + esc(name) + "\""
                + (describedBy.isEmpty() ? "" : " aria-describedby=\"" + describedBy + "\"")
                + (f.required() ? " aria-required=\"true\"" : "") + (bad ? " aria-invalid=\"true\"" : "");
        if (options == null) {
            b.append("<input type=\"text\"").append(common).append(" value=\"").append(esc(value == null ? "" : value)).append('"')
                    .append(FILLED_BY_PICKER.contains(f) ? " placeholder=\"" + esc(f.defaultValue().map(ScenarioValues::text).orElse("")) + "\"" : "")
                    .append(" inputmode=\"decimal\" autocomplete=\"off\" spellcheck=\"false\">\n");
        } else {
            select(b, common, options, value);
        }
        if (hinted) {
            b.append("<p class=\"hint\" id=\"hint-").append(esc(name)).append("\">").append(esc(hint(f))).append("</p>\n");
        }
        if (bad) {
            b.append("<p class=\"error\" id=\"err-").append(esc(name)).append("\">");
            b.append(esc(String.join(" ", errors)));
            b.append("</p>\n");
        }
        b.append("</div>\n");
    }

    private static void select(StringBuilder b, String common, List<Option> options, String value) {
        b.append("<select").append(common).append(">\n");
        boolean known = value == null || value.isEmpty() || options.stream().anyMatch(o -> o.value().equals(value));
        for (Option o : options) {
            b.append("<option value=\"").append(esc(o.value())).append('"')
                    .append(o.value().equals(value == null ? "" : value) ? " selected" : "").append('>')
                    .append(esc(o.label())).append("</option>\n");
        }
        if (!known) {
            // a value that is not on the list (an old bookmark, a hand-made request): keep it, so the error makes sense
            b.append("<option value=\"").append(esc(value)).append("\" selected>").append(esc(value)).append("</option>\n");
        }
        b.append("</select>\n");
    }

    /** The choices of a picker, or null for a text input. */
    private List<Option> options(ScenarioField f) {
        List<Option> out = new ArrayList<>();
        switch (f) {
            case TASK_TYPE -> {
                out.add(new Option("", "Choose what the model does…"));
                for (TaskType t : TaskType.values()) {
                    out.add(new Option(t.name(), t.label() + ": " + t.hint()));
                }
            }
            case QUALITY_NEED -> {
                out.add(new Option("", "Choose how much quality matters…"));
                for (QualityNeed q : QualityNeed.values()) {
                    out.add(new Option(q.name(), q.label() + ": " + q.hint()));
                }
            }
            case PRIVACY_NEED -> {
                out.add(new Option("", "Choose where the data may go…"));
                for (PrivacyNeed p : PrivacyNeed.values()) {
                    out.add(new Option(p.name(), p.label() + ": " + p.hint()));
                }
            }
            case HOSTED_MODEL -> {
                out.add(new Option("", "None: use the blended price below"));
                for (HostedModel m : catalog.hostedModels()) {
                    out.add(new Option(m.id(), m.name() + " (" + m.provider() + ", $" + m.inputPer1M() + " in / $"
                            + m.outputPer1M() + " out per 1M tokens)"));
                }
            }
            case GPU_TYPE -> {
                out.add(new Option("", "None: use the GPU price below"));
                for (Gpu g : catalog.gpus()) {
                    out.add(new Option(g.id(), g.name() + g.defaultOnDemand().map(p -> " ($" + p.usdPerGpuHour() + "/h on demand)").orElse("")));
                }
            }
            case OPEN_MODEL -> {
                out.add(new Option("", "None named: judge the default model"));
                for (OpenModel m : catalog.openModels()) {
                    out.add(new Option(m.id(), m.name()));
                }
            }
            case THROUGHPUT_MEASURED -> {
                out.add(new Option("false", "No: it is a guess or an estimate"));
                out.add(new Option("true", "Yes: we load-tested our prompts"));
            }
            default -> {
                if (f.kind() == ScenarioField.Kind.ENUM && f.allowed().startsWith("one of ")) {
                    out.add(new Option("", "Choose…"));
                    for (String v : f.allowed().substring("one of ".length()).split(",\\s*")) {
                        out.add(new Option(v, v));
                    }
                } else {
                    return null;
                }
            }
        }
        return out;
    }

    private static String hint(ScenarioField f) {
        String allowed = capitalize(f.allowed()) + ".";
        if (FILLED_BY_PICKER.contains(f)) {
            return allowed + " Leave empty for the picked GPU's catalog price, or "
                    + f.defaultValue().map(ScenarioValues::text).orElse("the default") + " when no GPU is picked.";
        }
        return f.defaultValue().map(d -> allowed + " Default " + ScenarioValues.text(d) + ".").orElse(allowed);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
