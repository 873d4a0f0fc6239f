package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.TaskType;
import java.util.Map;
import java.util.Optional;

/**
 * An open-weights model that could be self-hosted: the architecture figures the throughput estimate
 * needs, its weight size per precision, and its quality fit per task type.
 *
 * @param kvBytesPerToken KV-cache bytes one token of context occupies at 16 bits:
 *                        2 (K and V) x layers x kvHeads x headDim x 2 bytes; checked against the other three
 */
public record OpenModel(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) double paramsBillion,
        @JsonProperty(required = true) int layers,
        @JsonProperty(required = true) int kvHeads,
        @JsonProperty(required = true) int headDim,
        @JsonProperty(required = true) long kvBytesPerToken,
        @JsonProperty(required = true) Map<String, Double> weightsGB,
        @JsonProperty(required = true) Map<TaskType, TaskFit> taskFit,
        @JsonProperty(required = true) String source,
        @JsonProperty(required = true) String taskFitSource) {

    public OpenModel {
        CatalogChecks.id(id);
        CatalogChecks.positive("paramsBillion", paramsBillion);
        CatalogChecks.positive("layers", layers);
        CatalogChecks.positive("kvHeads", kvHeads);
        CatalogChecks.positive("headDim", headDim);
        long expectedKv = 2L * layers * kvHeads * headDim * 2;
        if (kvBytesPerToken != expectedKv) {
            throw new IllegalArgumentException("kvBytesPerToken " + kvBytesPerToken + " does not match 2 x layers x kvHeads"
                    + " x headDim x 2 bytes = " + expectedKv);
        }
        CatalogChecks.source(source);
        CatalogChecks.source(taskFitSource);
        for (TaskType t : TaskType.values()) {
            if (!taskFit.containsKey(t)) {
                throw new IllegalArgumentException("taskFit has no entry for " + t + "; every task type needs one");
            }
        }
        weightsGB.forEach((k, v) -> {
            CatalogChecks.weightUnit(k);
            CatalogChecks.positive("weightsGB." + k, v);
        });
        if (!weightsGB.containsKey(Precision.FP16.catalogKey())) {
            throw new IllegalArgumentException("weightsGB has no fp16 entry; every model needs its 16-bit size");
        }
        taskFit = Map.copyOf(taskFit);
        weightsGB = Map.copyOf(weightsGB);
    }

    public TaskFit fitFor(TaskType task) {
        return taskFit.get(task);
    }

    /** Weight bytes at this precision, when the catalog lists them. */
    public Optional<Double> weightBytes(Precision precision) {
        return Optional.ofNullable(weightsGB.get(precision.catalogKey())).map(gb -> gb * 1e9);
    }
}
