package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * Where a model's weights are published: a Hugging Face repository ID, and where that ID comes from.
 * Load-test commands serve it, and an imported load test's {@code model_id} is checked against it.
 *
 * @param id     {@code organisation/name}, e.g. {@code meta-llama/Llama-3.3-70B-Instruct}
 * @param source where the ID comes from
 */
public record ModelRepo(@JsonProperty(required = true) String id, @JsonProperty(required = true) String source) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");

    public ModelRepo {
        checkId(id);
        CatalogChecks.source(source);
    }

    /** Refuses anything but {@code organisation/name}: the ID goes into commands people paste. */
    static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("repo '" + id + "' is not a Hugging Face repository ID: write organisation/name,"
                    + " e.g. meta-llama/Llama-3.3-70B-Instruct");
        }
    }

    /** The name after the organisation: {@code Llama-3.3-70B-Instruct}. */
    public String name() {
        return id.substring(id.indexOf('/') + 1);
    }
}
