package dev.hostwise.rules;

/** One problem in a rules directory, located so an admin can jump to it: {@code file:line: message}. */
public record RuleProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
