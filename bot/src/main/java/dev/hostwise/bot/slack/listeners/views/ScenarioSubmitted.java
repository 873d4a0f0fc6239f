package dev.hostwise.bot.slack.listeners.views;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.conversation.Admission;
import dev.hostwise.bot.conversation.ReplyAddress;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.slack.input.ModalErrors;
import dev.hostwise.bot.slack.input.ModalState;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioField;
import java.util.Map;

/**
 * The modal was submitted: check every field now (bad ones get an inline error under their own block
 * and the modal stays open with the user's values), then close it at once and decide and post off the
 * request thread.
 */
public final class ScenarioSubmitted implements ViewSubmissionHandler {

    private final SlackParts parts;

    public ScenarioSubmitted(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        ViewSubmissionPayload p = req.getPayload();
        View view = p.getView();
        Scenario scenario;
        try {
            scenario = parts.conversation().readForm(ModalState.values(view));
        } catch (InvalidScenarioException e) {
            return ctx.ackWithErrors(ModalErrors.byBlock(e.errors(), view));
        }
        ModalMetadata meta = ModalMetadata.parse(view.getPrivateMetadata());
        String user = p.getUser() == null ? null : p.getUser().getId();
        String team = p.getTeam() == null ? null : p.getTeam().getId();
        Requester who = Requester.chat(Platform.SLACK, team, meta.channel(), user);
        ReplyAddress to = new ReplyAddress(meta.channel(), meta.responseUrl(), user);
        if (parts.conversation().decide(parts.conversation().key("view", view.getId()), scenario, who, to) == Admission.BUSY) {
            String block = ModalState.blockOf(view, ScenarioField.REQUESTS_PER_DAY).orElse(ScenarioField.REQUESTS_PER_DAY.json());
            return ctx.ackWithErrors(Map.of(block, "I'm answering a lot of questions right now. Press Decide again in a minute."));
        }
        return ctx.ack();
    }
}
