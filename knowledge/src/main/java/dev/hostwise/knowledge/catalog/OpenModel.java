package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hostwise.knowledge.TaskType;
import java.util.Map;

/** An open-weights model that could be self-hosted, with its quality fit per task type. */
public record OpenModel(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) double paramsBillion,
        int layers,
        int kvHeads,
        int headDim,
        @JsonProperty(required = true) Map<String, Double> weightsGB,
        @JsonProperty(required = true) Map<TaskType, TaskFit> taskFit,
        @JsonProperty(required = true) String source,
        @JsonProperty(required = true) String taskFitSource) {

    public OpenModel {
        CatalogChecks.id(id);
        CatalogChecks.positive("paramsBillion", paramsBillion);
        CatalogChecks.source(source);
        CatalogChecks.source(taskFitSource);
        for (TaskType t : TaskType.values()) {
            if (!taskFit.containsKey(t)) {
                throw new IllegalArgumentException("taskFit has no entry for " + t + "; every task type needs one");
            }
        }
        weightsGB.forEach((k, v) -> CatalogChecks.positive("weightsGB." + k, v));
        taskFit = Map.copyOf(taskFit);
        weightsGB = Map.copyOf(weightsGB);
    }

    public TaskFit fitFor(TaskType task) {
        return taskFit.get(task);
    }
}
