package dev.hostwise.rules;

/**
 * The rules compiled but did not reach a complete verdict (a condition left undecided, two
 * recommendations, or a rule that threw). A policy that does this never passes its cases, so it
 * is refused at reload; the message says which conclusion is missing or doubled.
 */
public final class PolicyEvaluationException extends RuntimeException {

    public PolicyEvaluationException(String message) {
        super(message);
    }

    public PolicyEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
