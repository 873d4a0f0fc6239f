package dev.hostwise.bot.conversation;

import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.FieldMetadata.Choice;
import dev.hostwise.knowledge.FieldMetadata.Widget;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario form, as every surface asks it: its sections in order, each with its fields, and for
 * each field its words, widget, answers and current value. Generated from {@link FieldMetadata} and
 * the catalog; the Slack modal, the web form and any chat dialog only draw it, so a field added to
 * the metadata appears in all of them.
 *
 * @param sections the form's parts, in order, each holding at least one field
 */
public record FormDefinition(List<Section> sections) {

    /**
     * One part of the form.
     *
     * @param section which part
     * @param fields  its fields, in the order they are asked
     */
    public record Section(FieldMetadata.Section section, List<Field> fields) {

        public String title() {
            return section.title();
        }

        /** True when a pick in this section fills other fields in from the catalog (a surface may say so). */
        public boolean hasCatalogPickers() {
            return fields.stream().anyMatch(f -> !f.meta().fills().isEmpty());
        }
    }

    /**
     * One field as a form shows it.
     *
     * @param meta        its metadata: label, widget, bounds, ...
     * @param value       the text it shows, as typed; empty for none
     * @param choices     for a select or radio: its answers (the enum's, or the catalog's); for a checkbox: the box
     * @param filledByPick true when a catalog pick fills it in (a form without live updates may leave it empty)
     */
    public record Field(FieldMetadata meta, Optional<String> value, List<Choice> choices, boolean filledByPick) {

        public ScenarioField field() {
            return meta.field();
        }

        /** The name a form submits it under: the scenario's JSON name. */
        public String name() {
            return meta.field().json();
        }

        public String label() {
            return meta.label();
        }

        /** The field's meaning as a sentence, with its note. */
        public String hint() {
            return meta.hint();
        }

        /** What values are allowed, with an example: a placeholder for a typed value. */
        public String allowed() {
            return meta.field().allowed();
        }

        public boolean required() {
            return meta.field().required();
        }

        public Widget widget() {
            return meta.widget();
        }

        /** Its bounds in words, e.g. "0.001 or more and at most 1,000,000,000,000", for numbers. */
        public Optional<String> bounds() {
            return meta.bounds();
        }

        /** Whether a pick of it fills other fields in from the catalog. */
        public boolean fillsOthers() {
            return !meta.fills().isEmpty();
        }
    }

    /**
     * The form showing {@code values}.
     *
     * @param values  the text each field shows, as typed; fields left out show nothing
     * @param catalog where the pickers' answers (hosted models, GPUs, open models) come from
     */
    public static FormDefinition of(Map<ScenarioField, String> values, Catalog catalog) {
        List<Section> sections = new ArrayList<>();
        for (FieldMetadata.Section s : FieldMetadata.Section.values()) {
            List<Field> fields = FieldMetadata.ALL.stream().filter(m -> m.section() == s)
                    .map(m -> new Field(m, Optional.ofNullable(values.get(m.field())), choices(m, catalog), filledByPick(m.field())))
                    .toList();
            if (!fields.isEmpty()) {
                sections.add(new Section(s, fields));
            }
        }
        return new FormDefinition(List.copyOf(sections));
    }

    /**
     * The form as chat platforms ask it (the Slack modal, a Mattermost dialog): without the fields
     * {@link FieldMetadata#inChatForms()} leaves out, such as {@code ranges}; a section left empty is dropped.
     */
    public FormDefinition forChat() {
        List<Section> kept = new ArrayList<>();
        for (Section s : sections) {
            List<Field> fields = s.fields().stream().filter(f -> f.meta().inChatForms()).toList();
            if (!fields.isEmpty()) {
                kept.add(new Section(s.section(), fields));
            }
        }
        return new FormDefinition(List.copyOf(kept));
    }

    /** Every field, in form order. */
    public List<Field> fields() {
        return sections.stream().flatMap(s -> s.fields().stream()).toList();
    }

    /**
     * A reader's field error in a form's words, for the message under the field: "is required: …"
     * reads as "Requests per day is required: …"; JSON names become the labels users see.
     */
    public static String errorInFormWords(ScenarioField field, String message) {
        String m = FieldMetadata.inWords(message);
        if (m.startsWith("is ")) {
            return FieldMetadata.of(field).label() + " " + m;
        }
        return Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }

    private static boolean filledByPick(ScenarioField f) {
        return FieldMetadata.ALL.stream().anyMatch(m -> m.fills().contains(f));
    }

    private static List<Choice> choices(FieldMetadata m, Catalog catalog) {
        if (m.widget() == Widget.CHECKBOX) {
            return m.checked().map(List::of).orElse(List.of());
        }
        if (m.field().kind() != ScenarioField.Kind.CATALOG_ID) {
            return m.choices();
        }
        return switch (m.field()) {
            case HOSTED_MODEL -> catalog.hostedModels().stream()
                    .map(h -> choice(h.id(), h.name() + " · $" + FormValues.show(h.inputPer1M()) + " in / $"
                            + FormValues.show(h.outputPer1M()) + " out per 1M"))
                    .toList();
            case GPU_TYPE -> catalog.gpus().stream()
                    .map(g -> choice(g.id(), g.name() + g.defaultOnDemand().map(p -> " · $" + FormValues.show(p.usdPerGpuHour()) + "/h")
                            .orElse("")))
                    .toList();
            case OPEN_MODEL -> catalog.openModels().stream().map(o -> choice(o.id(), o.name())).toList();
            default -> throw new IllegalStateException(m.field().json() + " is a catalog id but the form has no catalog list for it");
        };
    }

    private static Choice choice(String value, String label) {
        return new Choice(value, label, Optional.empty());
    }
}
