package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hostwise.knowledge.Precision;

/**
 * A precision an official or widely used checkpoint of the model exists in.
 *
 * @param source the checkpoint (repository and, where known, revision) and who publishes it
 * @param verify true when the checkpoint could not be confirmed from a stored copy
 * @param repo   the Hugging Face repository to serve for this precision, where the source names one; null otherwise
 */
public record ShippedPrecision(
        @JsonProperty(required = true) Precision precision,
        @JsonProperty(required = true) String source,
        Boolean verify,
        String repo) {

    public ShippedPrecision {
        CatalogChecks.source(source);
        verify = Boolean.TRUE.equals(verify);
        if (repo != null) {
            ModelRepo.checkId(repo);
        }
    }
}
