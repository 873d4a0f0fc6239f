package dev.hostwise.bot.conversation;

import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.Set;

/**
 * What a catalog pick in a form fills in ({@link dev.hostwise.knowledge.FieldMetadata#fills()}): a hosted
 * model's input and output list prices, a GPU's default on-demand price per hour. The user can still
 * overwrite them before submitting.
 *
 * @param values the form's values with the prices filled in
 * @param filled the fields that changed (Slack gives them fresh block IDs, so it shows the new values)
 */
public record CatalogFill(FormValues values, Set<ScenarioField> filled) {

    public static CatalogFill apply(FormValues values, ScenarioField picked, String id, Catalog catalog) {
        return switch (picked) {
            case HOSTED_MODEL -> catalog.hostedModel(id)
                    .map(m -> new CatalogFill(values.with(picked, id)
                            .with(ScenarioField.HOSTED_INPUT_PRICE_PER_1M, FormValues.show(m.inputPer1M()))
                            .with(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M, FormValues.show(m.outputPer1M())),
                            Set.of(ScenarioField.HOSTED_INPUT_PRICE_PER_1M, ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M)))
                    .orElse(new CatalogFill(values, Set.of()));
            case GPU_TYPE -> catalog.gpu(id)
                    .flatMap(g -> g.defaultOnDemand())
                    .map(p -> new CatalogFill(values.with(picked, id)
                            .with(ScenarioField.GPU_DOLLARS_PER_HOUR, FormValues.show(p.usdPerGpuHour())),
                            Set.of(ScenarioField.GPU_DOLLARS_PER_HOUR)))
                    .orElse(new CatalogFill(values, Set.of()));
            default -> new CatalogFill(values, Set.of());
        };
    }
}
