package dev.hostwise.rules;

import java.util.List;
import java.util.Optional;

/**
 * The result of checking a rules directory: compile problems, case results, and the compiled
 * policy when everything passed. Only a report that {@link #passed()} may be activated.
 */
public record CheckReport(String revision, List<RuleProblem> problems, List<CaseResult> cases,
                          Optional<CompiledPolicy> policy) {

    public boolean passed() {
        return problems.isEmpty() && cases.stream().allMatch(CaseResult::passed) && policy.isPresent();
    }

    public List<CaseResult> failedCases() {
        return cases.stream().filter(c -> !c.passed()).toList();
    }
}
