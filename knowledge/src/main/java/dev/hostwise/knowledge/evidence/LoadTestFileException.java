package dev.hostwise.knowledge.evidence;

import java.util.List;

/**
 * A load-test result that cannot be evidence, with every problem found, each naming what is wrong and
 * how to fix it. Nothing is stored from such a file.
 */
public final class LoadTestFileException extends RuntimeException {

    private final List<String> problems;

    public LoadTestFileException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public LoadTestFileException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
