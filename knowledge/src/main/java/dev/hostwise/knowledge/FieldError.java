package dev.hostwise.knowledge;

/** One bad input: the field it belongs to (its JSON name) and a message that says what is allowed. */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
