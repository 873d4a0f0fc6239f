package dev.hostwise.bot.web;

import dev.hostwise.bot.conversation.FormDefinition;
import dev.hostwise.bot.render.PolicyWords;
import dev.hostwise.bot.web.view.FormFieldModel;
import dev.hostwise.bot.web.view.FormPageModel;
import dev.hostwise.bot.web.view.PageFrame;
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
 * {@link FormDefinition} every surface asks, as a {@link FormPageModel} that {@code scenarioForm.jte}
 * draws as a plain HTML form (one {@code partial/formField.jte} per field). Every scenario field gets an
 * input with its label and hint, choices and catalog ids get pickers, defaults are filled in, and
 * after a rejected submit each bad field shows its message under it with the user's text kept.
 */
public final class ScenarioForm {

    private final Catalog catalog;
    private final PolicyConditions conditions;
    private final Pages pages;

    /**
     * @param catalog    the catalog in force, for the pickers
     * @param conditions the active policy's conditions, which the introduction names
     */
    public ScenarioForm(Catalog catalog, PolicyConditions conditions) {
        this(catalog, conditions, new Pages());
    }

    ScenarioForm(Catalog catalog, PolicyConditions conditions, Pages pages) {
        this.catalog = catalog;
        this.conditions = conditions;
        this.pages = pages;
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
     * The whole page: the form, with the user's text and each bad field's message after a rejected submit.
     *
     * @param values the text to show in each field, by JSON name (the user's, after a rejected submit)
     * @param errors the problems to show, each under its field
     */
    public String render(Map<String, String> values, List<FieldError> errors) {
        return pages.scenarioForm(model(values, errors));
    }

    /** What the page shows: the form's sections and fields from the {@link FormDefinition}, and the errors. */
    public FormPageModel model(Map<String, String> values, List<FieldError> errors) {
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

        List<FormPageModel.Section> sections = form.sections().stream().map(section -> new FormPageModel.Section(section.title(),
                section.fields().stream().map(f -> field(f, byField.getOrDefault(f.name(), List.of()))).toList())).toList();
        Optional<FormPageModel.Errors> problems = errors.isEmpty() ? Optional.empty() : Optional.of(new FormPageModel.Errors(
                errors.size() == 1 ? "One field needs" : errors.size() + " fields need", elsewhere));
        String title = errors.isEmpty() ? "Hostwise" : "Fix " + errors.size() + " field(s) · Hostwise";
        return new FormPageModel(new PageFrame(title, true),
                PolicyWords.labels(conditions.names()) + (conditions.size() == 1 ? " holds" : " all hold"), problems, sections);
    }

    private static FormFieldModel field(FormDefinition.Field f, List<String> errors) {
        String value = f.value().orElse(null);
        Optional<String> error = errors.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", errors));
        return switch (f.widget()) {
            case NUMBER, NUMBERS -> new FormFieldModel(f.name(), f.label(), f.required(), false, value == null ? "" : value,
                    f.filledByPick() ? f.field().defaultValue().map(ScenarioValues::text).orElse(null) : null,
                    List.of(), hint(f), error);
            case SELECT, RADIO -> picker(f, choices(f), value, error);
            case CHECKBOX -> picker(f, flag(f), value == null || value.isEmpty() ? "false" : value, error);
        };
    }

    private static FormFieldModel picker(FormDefinition.Field f, List<Choice> choices, String value, Optional<String> error) {
        String chosen = value == null ? "" : value;
        List<FormFieldModel.Option> options = new ArrayList<>();
        for (Choice c : choices) {
            options.add(new FormFieldModel.Option(c.value(), c.label(), c.value().equals(chosen)));
        }
        if (!chosen.isEmpty() && choices.stream().noneMatch(c -> c.value().equals(chosen))) {
            // a value that is not on the list (an old bookmark, a hand-made request): keep it, so the error makes sense
            options.add(new FormFieldModel.Option(chosen, chosen, true));
        }
        return new FormFieldModel(f.name(), f.label(), f.required(), true, chosen, null, options, hint(f), error);
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
