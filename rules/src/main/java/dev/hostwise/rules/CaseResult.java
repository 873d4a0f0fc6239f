package dev.hostwise.rules;

/** The outcome of one policy case: passed, or what was expected and what the rules said instead. */
public record CaseResult(PolicyCase policyCase, boolean passed, String expected, String actual) {

    @Override
    public String toString() {
        return policyCase.file() + ":" + policyCase.line() + ": " + (passed ? "PASS " : "FAIL ") + policyCase.name()
                + (passed ? "" : "\n    expected " + expected + "\n    actual   " + actual);
    }
}
