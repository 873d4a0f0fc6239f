package dev.hostwise.bot.slack.blocks;

import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.Set;

/**
 * What a catalog pick in the modal fills in: a hosted model's input and output list prices, a GPU's
 * default on-demand price per hour. The user can still overwrite them before submitting.
 *
 * @param values the form's values with the prices filled in
 * @param filled the fields that changed, which get fresh block IDs so Slack shows the new values
 */
public record CatalogFill(ModalValues values, Set<ScenarioField> filled) {

    public static CatalogFill apply(ModalValues values, ScenarioField picked, String id, Catalog catalog) {
        return switch (picked) {
            case HOSTED_MODEL -> catalog.hostedModel(id)
                    .map(m -> new CatalogFill(values.with(picked, id)
                            .with(ScenarioField.HOSTED_INPUT_PRICE_PER_1M, ModalValues.show(m.inputPer1M()))
                            .with(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M, ModalValues.show(m.outputPer1M())),
                            Set.of(ScenarioField.HOSTED_INPUT_PRICE_PER_1M, ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M)))
                    .orElse(new CatalogFill(values, Set.of()));
            case GPU_TYPE -> catalog.gpu(id)
                    .flatMap(g -> g.defaultOnDemand())
                    .map(p -> new CatalogFill(values.with(picked, id)
                            .with(ScenarioField.GPU_DOLLARS_PER_HOUR, ModalValues.show(p.usdPerGpuHour())),
                            Set.of(ScenarioField.GPU_DOLLARS_PER_HOUR)))
                    .orElse(new CatalogFill(values, Set.of()));
            default -> new CatalogFill(values, Set.of());
        };
    }
}
