package dev.hostwise.knowledge.catalog;

/** How well an open model does a kind of task, compared with the best hosted models. */
public enum TaskFit {
    /** Holds its own: clears the bar even when quality is the product. */
    STRONG,
    /** Usable, with a noticeable gap: clears the bar only when "good enough" is the need. */
    ADEQUATE,
    /** The gap is real: does not clear the bar. */
    WEAK
}
