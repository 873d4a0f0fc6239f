package dev.hostwise.knowledge;

/**
 * A value that cannot be read, in words for the user; {@link ScenarioReader} turns it into a
 * {@link FieldError}. It carries no stack trace: it is the expected answer to bad input, never logged
 * with one, and a chat server reads forms beneath some seventy frames of HTTP and Slack handlers, where
 * filling a trace cost more than reading the whole form.
 */
final class ValueProblem extends IllegalArgumentException {

    ValueProblem(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
