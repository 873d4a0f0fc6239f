package dev.hostwise.rules;

import java.util.List;
import java.util.stream.Collectors;

/** The rules did not compile. Carries every problem with its file and line. */
public final class RuleCompilationException extends RuntimeException {

    private final List<RuleProblem> problems;

    public RuleCompilationException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
