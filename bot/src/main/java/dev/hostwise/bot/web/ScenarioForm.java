package dev.hostwise.bot.web;

import static dev.hostwise.bot.web.Html.esc;

import dev.hostwise.bot.conversation.FormDefinition;
import dev.hostwise.bot.render.PolicyWords;
import dev.hostwise.knowledge.FieldError;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.FieldMetadata.Choice;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.PolicyConditions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario form of the web ({@code GET /} when no chat surface is configured): the
 * {@link FormDefinition} every surface asks, drawn as a plain HTML form. Every scenario field gets an
 * input with its label and hint, choices and catalog ids get pickers, defaults are filled in, and
 * after a rejected submit each bad field shows its message under it with the user's text kept.
 */
public final class ScenarioForm {

    private final Catalog catalog;
    private final PolicyConditions conditions;

    /**
     * @param catalog    the catalog in force, for the pickers
     * @param conditions the active policy's conditions, which the introduction names
     */
    public ScenarioForm(Catalog catalog, PolicyConditions conditions) {
        this.catalog = catalog;
        this.conditions = conditions;
    }

    /**
     * The form's starting values: every default, as text. A field a catalog pick fills in starts
     * empty: this form cannot fill it in as the pick is made, and a default there would silently
     * override the picked GPU's price.
     */
    public Map<String, String> defaults() {
        Map<String, String> values = new LinkedHashMap<>();
        for (FormDefinition.Field f : FormDefinition.of(Map.of(), catalog).fields()) {
            if (!f.filledByPick()) {
                f.field().defaultValue().ifPresent(d -> values.put(f.name(), ScenarioValues.text(d)));
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
        Map<ScenarioField, String> shown = new EnumMap<>(ScenarioField.class);
        values.forEach((name, v) -> ScenarioField.byJson(name).ifPresent(f -> shown.put(f, v)));
        FormDefinition form = FormDefinition.of(shown, catalog);

        StringBuilder b = new StringBuilder(24_576);
        b.append("<h1>Self-host an open LLM, or keep paying per token?</h1>\n")
                .append("<p class=\"lead\">Describe the workload. Hostwise prices both options, applies the policy "
                        + "(self-host only when ").append(esc(PolicyWords.labels(conditions.names())))
                .append(conditions.size() == 1 ? " holds" : " all hold")
                .append(") and gives you a verdict with a link you can cite in a design review.</p>\n");
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
        for (FormDefinition.Section section : form.sections()) {
            b.append("<fieldset>\n<legend>").append(esc(section.title())).append("</legend>\n");
            for (FormDefinition.Field f : section.fields()) {
                field(b, f, byField.getOrDefault(f.name(), List.of()));
            }
            b.append("</fieldset>\n");
        }
        b.append("<p class=\"submit\"><button type=\"submit\" id=\"decide\">Decide</button></p>\n</form>\n");
        return b.toString();
    }

    private static void field(StringBuilder b, FormDefinition.Field f, List<String> errors) {
        String name = f.name();
        String id = "f-" + name;
        String value = f.value().orElse(null);
        boolean bad = !errors.isEmpty();
        b.append("<div class=\"field").append(bad ? " invalid" : "").append("\">\n");
        b.append("<label for=\"").append(id).append("\">").append(esc(f.label()))
                .append(f.required() ? " <span class=\"required\">(required)</span>" : "")
                .append(" <code>").append(esc(name)).append("</code></label>\n");
        String describedBy = ("hint-" + name + (bad ? " err-" + name : "")).trim();
        String common = " id=\"" + id + "\" name=\"" + esc(name) + "\" aria-describedby=\"" + describedBy + "\""
                + (f.required() ? " aria-required=\"true\"" : "") + (bad ? " aria-invalid=\"true\"" : "");
        switch (f.widget()) {
            case NUMBER, NUMBERS -> b.append("<input type=\"text\"").append(common).append(" value=\"")
                    .append(esc(value == null ? "" : value)).append('"')
                    .append(f.filledByPick() && f.field().defaultValue().isPresent() ? " placeholder=\"" + esc(f.field().defaultValue().map(ScenarioValues::text).orElse("")) + "\"" : "")
                    .append(" inputmode=\"decimal\" autocomplete=\"off\" spellcheck=\"false\">\n");
            case SELECT, RADIO -> select(b, common, choices(f), value);
            case CHECKBOX -> select(b, common, flag(f), value == null || value.isEmpty() ? "false" : value);
        }
        b.append("<p class=\"hint\" id=\"hint-").append(esc(name)).append("\">").append(esc(hint(f))).append("</p>\n");
        if (bad) {
            b.append("<p class=\"error\" id=\"err-").append(esc(name)).append("\">");
            b.append(esc(String.join(" ", errors)));
            b.append("</p>\n");
        }
        b.append("</div>\n");
    }

    /** The answers of a picker, after an empty first one. */
    private static List<Choice> choices(FormDefinition.Field f) {
        List<Choice> out = new ArrayList<>();
        out.add(new Choice("", f.required() ? "Choose one…" : "None", Optional.empty()));
        f.choices().forEach(c -> out.add(new Choice(c.value(), c.hint().map(h -> c.label() + ": " + h).orElse(c.label()), Optional.empty())));
        return out;
    }

    /** A yes/no box as a picker: unticked is "No". */
    private static List<Choice> flag(FormDefinition.Field f) {
        List<Choice> out = new ArrayList<>();
        out.add(new Choice("false", "No", Optional.empty()));
        f.choices().forEach(c -> out.add(new Choice("true", "Yes: " + c.label() + c.hint().map(h -> ", " + h).orElse(""), Optional.empty())));
        return out;
    }

    private static void select(StringBuilder b, String common, List<Choice> options, String value) {
        b.append("<select").append(common).append(">\n");
        boolean known = value == null || value.isEmpty() || options.stream().anyMatch(o -> o.value().equals(value));
        for (Choice o : options) {
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

    /** What the field means, what it takes within which bounds, and its default. */
    private static String hint(FormDefinition.Field f) {
        StringBuilder h = new StringBuilder(f.hint());
        boolean typed = f.widget() == FieldMetadata.Widget.NUMBER || f.widget() == FieldMetadata.Widget.NUMBERS;
        if (typed) {
            h.append(' ').append(capitalize(f.allowed())).append('.');
        }
        f.bounds().ifPresent(bounds -> h.append(' ').append(capitalize(bounds)).append('.'));
        if (f.filledByPick()) {
            h.append(" Leave empty for the picked catalog price, or ")
                    .append(f.field().defaultValue().map(ScenarioValues::text).orElse("the default")).append(" when none is picked.");
        } else {
            f.field().defaultValue().ifPresent(d -> h.append(" Default ").append(ScenarioValues.text(d)).append('.'));
        }
        return h.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
