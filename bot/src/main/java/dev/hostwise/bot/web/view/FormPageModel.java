package dev.hostwise.bot.web.view;

import java.util.List;
import java.util.Optional;

/**
 * The scenario form page ({@code scenarioForm.jte}), drawn from the {@code FormDefinition} every
 * surface asks: its sections and fields come from the field metadata, never from the template.
 *
 * @param frame       title and site link
 * @param policyHolds the policy in the introduction, from the active policy's conditions:
 *                    "volume, quality and privacy all hold"
 * @param errors      after a rejected submit: how many fields need fixing, and the messages no field shows
 * @param sections    the form's parts, in order
 */
public record FormPageModel(PageFrame frame, String policyHolds, Optional<Errors> errors, List<Section> sections) {

    /**
     * @param headline  "One field needs", "3 fields need"
     * @param elsewhere messages about no field of the form
     */
    public record Errors(String headline, List<String> elsewhere) {
    }

    /** One fieldset. */
    public record Section(String title, List<FormFieldModel> fields) {
    }
}
