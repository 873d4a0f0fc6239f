package dev.hostwise.knowledge;

import java.util.List;
import java.util.stream.Collectors;

/** The input could not become a {@link Scenario}. Carries every field error, not just the first. */
public final class InvalidScenarioException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidScenarioException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
