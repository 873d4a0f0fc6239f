package dev.hostwise.bot.web.view;

import java.util.List;
import java.util.Optional;

/**
 * One field of the web form ({@code partial/formField.jte}), from its {@code FieldMetadata}: a text box
 * for numbers, a picker for choices and flags.
 *
 * @param name        its JSON name, which the form submits
 * @param label       its label
 * @param required    whether the scenario needs it
 * @param picker      true for a picker (choices, catalog ids, a yes/no flag); false for a text box
 * @param value       the text box's text, as typed or defaulted; empty for none
 * @param placeholder the text box's placeholder, or null for none
 * @param options     the picker's answers, one of them selected
 * @param hint        what it means, takes and defaults to
 * @param error       what is wrong with it, after a rejected submit
 */
public record FormFieldModel(String name, String label, boolean required, boolean picker, String value, String placeholder,
                             List<Option> options, String hint, Optional<String> error) {

    /** One answer of a picker. */
    public record Option(String value, String label, boolean selected) {
    }

    public String id() {
        return "f-" + name;
    }

    public boolean invalid() {
        return error.isPresent();
    }

    /** The ids of the hint and, when there is one, the error: what a screen reader reads with the field. */
    public String describedBy() {
        return "hint-" + name + (invalid() ? " err-" + name : "");
    }
}
