package dev.hostwise.rules.facts;

import dev.hostwise.knowledge.TaskType;
import dev.hostwise.knowledge.catalog.TaskFit;

/**
 * The open model's quality for this task, as a fact the quality rules read: the catalog's judgement
 * ({@code fit}) and, when the team gave its own evaluation, the measured pass rate and the bar it must
 * reach. {@code assumed} is true when the user named no open model and the catalog default was judged.
 *
 * @param evalScore the open model's pass rate on the team's own evaluation set (0 to 1); null when not given
 * @param bar       the pass rate the task needs on that set; null when not given
 * @param measured  true when both were given: QUALITY is then decided on them, not on {@code fit}
 */
public record QualityFit(String openModel, String openModelName, TaskType taskType, TaskFit fit, boolean assumed,
                         Double evalScore, Double bar, boolean measured) {

    /** The catalog's judgement alone, as before an evaluation could be given. */
    public QualityFit(String openModel, String openModelName, TaskType taskType, TaskFit fit, boolean assumed) {
        this(openModel, openModelName, taskType, fit, assumed, null, null, false);
    }

    /** True when the measured pass rate reaches the bar; false when it does not or nothing was measured. */
    public boolean clearsBar() {
        return measured && evalScore >= bar;
    }
}
