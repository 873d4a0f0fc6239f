package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How well the model does one task type, and on what that rests: a public evaluation (named, with
 * its score) or Hostwise's own judgement. A catalog line may give just the fit ({@code STRONG}); it
 * then rests on the model's {@code taskFitSource}.
 *
 * @param evaluation the public evaluation behind the fit, e.g. "IFEval (strict prompt)"; null when
 *                   the fit is Hostwise's judgement
 * @param score      that evaluation's score as published
 * @param source     where the score (or the judgement's basis) comes from; null only in the short form
 */
public record TaskFitEntry(TaskFit fit, String evaluation, Double score, String source) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public TaskFitEntry(@JsonProperty(value = "fit", required = true) TaskFit fit,
                        @JsonProperty("evaluation") String evaluation,
                        @JsonProperty("score") Double score,
                        @JsonProperty("source") String source) {
        if (fit == null) {
            throw new IllegalArgumentException("taskFit entry has no fit; give STRONG, ADEQUATE or WEAK");
        }
        if ((evaluation == null) != (score == null)) {
            throw new IllegalArgumentException("taskFit evaluation and score go together: name the evaluation and give its score");
        }
        if (source != null && source.isBlank()) {
            throw new IllegalArgumentException("taskFit source is blank; say where the fit comes from");
        }
        this.fit = fit;
        this.evaluation = evaluation;
        this.score = score;
        this.source = source;
    }

    /**
     * The short form, a bare fit such as {@code STRONG}: it rests on the model's {@code taskFitSource}.
     * Jackson reads a plain string through this (a static {@code valueOf(String)}), and an object
     * through the constructor.
     */
    public static TaskFitEntry valueOf(String fit) {
        try {
            return new TaskFitEntry(TaskFit.valueOf(fit.trim()), null, null, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("taskFit '" + fit + "' must be STRONG, ADEQUATE or WEAK");
        }
    }

    /** True when a public evaluation backs the fit; false when it is Hostwise's judgement. */
    public boolean evaluated() {
        return evaluation != null;
    }
}
