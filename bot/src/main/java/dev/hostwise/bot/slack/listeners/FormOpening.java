package dev.hostwise.bot.slack.listeners;

import com.google.gson.JsonObject;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.conversation.RequestKey;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.slack.blocks.SlackText;
import dev.hostwise.bot.slack.delivery.ApiResult;
import dev.hostwise.bot.slack.delivery.SlackMethods;
import java.util.Set;

/**
 * Opens the scenario modal for a trigger, once: Slack's retries carry the same {@code trigger_id},
 * so a repeat is recognised and skipped, and a failed attempt gives the trigger back for the next try.
 * Every listener that opens the form (the command, the App Home button, "Adjust inputs") goes through here.
 */
public final class FormOpening {

    /** How an attempt ended. */
    public sealed interface Outcome {
        /** The modal is open. */
        record Opened() implements Outcome {
        }

        /** A retry of a trigger that was already handled: nothing was done. */
        record Repeat() implements Outcome {
        }

        /** Slack did not open it; {@code problem} says why, for the message to the user. */
        record Failed(String problem) implements Outcome {
        }
    }

    private FormOpening() {
    }

    public static Outcome open(SlackParts parts, String triggerId, FormValues values, ModalMetadata meta, String subject) {
        RequestKey key = parts.conversation().key("trigger", triggerId);
        if (!parts.conversation().keys().claim(key)) {
            return new Outcome.Repeat();
        }
        // views.open must happen now, within the trigger's three seconds: not through the work queue
        ApiResult<JsonObject> opened = parts.api().callWithin("views.open", subject, parts.triggerBudget(),
                SlackMethods.viewsOpen(triggerId, parts.modal().build(values, meta, Set.of())));
        if (opened.ok()) {
            return new Outcome.Opened();
        }
        parts.conversation().keys().release(key);
        // Slack's error code or "could not be reached": this goes to the user; the exception text stays in the log
        return new Outcome.Failed(SlackText.problemForUser(opened.problem()));
    }
}
