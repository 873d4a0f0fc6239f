package dev.hostwise.rules.facts;

import dev.hostwise.knowledge.TaskType;
import dev.hostwise.knowledge.catalog.TaskFit;

/**
 * The catalog's judgement of the open model for this task, as a fact the quality rules read.
 * {@code assumed} is true when the user named no open model and the catalog default was judged.
 */
public record QualityFit(String openModel, String openModelName, TaskType taskType, TaskFit fit, boolean assumed) {
}
