package dev.hostwise.bot.mattermost.routes;

import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.conversation.RequestKey;
import dev.hostwise.bot.mattermost.MattermostParts;
import dev.hostwise.bot.mattermost.api.ApiResult;
import dev.hostwise.bot.mattermost.callback.DialogState;

/**
 * Opens the scenario dialog for a trigger, once: a repeated delivery carries the same {@code trigger_id}
 * and is recognised and skipped, and a failed attempt gives the trigger back so a retry is served. The
 * command and "Adjust inputs" both open the form through here. The call is made at once, on the request
 * thread: the trigger only lasts so long, and the user is waiting for the dialog.
 */
final class DialogOpening {

    sealed interface Outcome {
        record Opened() implements Outcome {
        }

        record Repeat() implements Outcome {
        }

        record Failed(String problem) implements Outcome {
        }
    }

    private DialogOpening() {
    }

    /**
     * @param fresh true for a new form (the prices a catalog pick fills in start empty), false to show an earlier verdict's inputs
     */
    static Outcome open(MattermostParts parts, String triggerId, FormValues values, boolean fresh, DialogState state, String subject) {
        if (triggerId == null) {
            return new Outcome.Failed("Mattermost sent no trigger ID to open it with");
        }
        RequestKey key = parts.conversation().key("trigger", triggerId);
        if (!parts.conversation().keys().claim(key)) {
            return new Outcome.Repeat();
        }
        ApiResult opened = parts.api().postWithin("/api/v4/actions/dialogs/open", subject, parts.tuning().triggerBudget(),
                parts.dialog().open(triggerId, parts.settings().dialogUrl(), values, fresh, state.encode(parts.seal())));
        if (opened.ok()) {
            return new Outcome.Opened();
        }
        parts.conversation().keys().release(key);
        return new Outcome.Failed(opened.problem());
    }
}
