package dev.hostwise.knowledge;

import java.util.List;
import java.util.stream.Collectors;

/** The input could not become a {@link Scenario}. Carries every field error, not just the first. */
public final class InvalidScenarioException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidScenarioException(List<FieldError> errors) {
        // no stack trace: this is the answer to bad input (logged by its message only), and filling one beneath a chat
        // server's handlers cost more than reading the form did
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
