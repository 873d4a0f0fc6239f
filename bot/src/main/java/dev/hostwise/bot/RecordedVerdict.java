package dev.hostwise.bot;

import dev.hostwise.rules.Verdict;
import java.util.Optional;

/**
 * A verdict and what happened when it was stored. A verdict is always returned, even when the store
 * is down: the user gets the answer and is told it could not be saved.
 *
 * @param verdict     the decision
 * @param linkToken   the unguessable token of its page ({@code /v/{token}}), when it was saved
 * @param saveProblem why it could not be saved, when it was not
 */
public record RecordedVerdict(Verdict verdict, Optional<String> linkToken, Optional<String> saveProblem) {

    public static RecordedVerdict unsaved(Verdict verdict, String why) {
        return new RecordedVerdict(verdict, Optional.empty(), Optional.of(why));
    }
}
