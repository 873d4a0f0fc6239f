package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A hosted API model and its list prices, in US dollars per 1M tokens.
 *
 * @param cachedInputPer1M the price of an input token read from the provider's prompt cache; null when
 *                         the source gives none (older models, or a provider without one)
 * @param batchInputPer1M  the batch-API input price, where the provider has a batch API; null otherwise
 * @param batchOutputPer1M the batch-API output price; given together with {@code batchInputPer1M}
 * @param asOf             when the prices were seen at their source; what the staleness check reads
 * @param effective        when the price took effect, where the source says (free text); optional
 * @param litellmKey       the entry of LiteLLM's price file this row's prices come from. A row with a
 *                         key is kept current by {@code hostwise catalog import-prices}; a row without
 *                         one is hand-written, and an import never touches it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostedModel(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String provider,
        @JsonProperty(required = true) double inputPer1M,
        @JsonProperty(required = true) double outputPer1M,
        Double cachedInputPer1M,
        Double batchInputPer1M,
        Double batchOutputPer1M,
        @JsonProperty(required = true) AsOf asOf,
        String effective,
        @JsonProperty(required = true) String confidence,
        @JsonProperty(required = true) String source,
        String litellmKey) {

    public HostedModel {
        CatalogChecks.id(id);
        CatalogChecks.nonNegative("inputPer1M", inputPer1M);
        CatalogChecks.nonNegative("outputPer1M", outputPer1M);
        if (cachedInputPer1M != null) {
            CatalogChecks.nonNegative("cachedInputPer1M", cachedInputPer1M);
        }
        if ((batchInputPer1M == null) != (batchOutputPer1M == null)) {
            throw new IllegalArgumentException("batchInputPer1M and batchOutputPer1M go together: give both, or neither"
                    + " when the provider has no batch price");
        }
        if (batchInputPer1M != null) {
            CatalogChecks.nonNegative("batchInputPer1M", batchInputPer1M);
            CatalogChecks.nonNegative("batchOutputPer1M", batchOutputPer1M);
        }
        CatalogChecks.present("asOf", asOf);
        CatalogChecks.confidence(confidence);
        CatalogChecks.source(source);
        if (litellmKey != null && litellmKey.isBlank()) {
            throw new IllegalArgumentException("litellmKey is empty; give the LiteLLM entry's key, or leave the line out for a hand-written row");
        }
    }

    /** Figures marked anything but "high" must be verified before they are relied on. */
    public boolean needsVerification() {
        return !"high".equals(confidence);
    }

    /** True when the row's prices are kept current by an import from LiteLLM's price file. */
    public boolean imported() {
        return litellmKey != null;
    }

    /** True when the provider sells a batch API for the model, at the batch prices. */
    public boolean hasBatchPrice() {
        return batchInputPer1M != null;
    }
}
