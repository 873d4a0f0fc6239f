package dev.hostwise.bot.slack.listeners.views;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.slack.RequestKeys;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.slack.delivery.Destination;
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
            scenario = parts.hostwise().reader().fromText(ModalState.values(view).byJsonName());
        } catch (InvalidScenarioException e) {
            return ctx.ackWithErrors(ModalErrors.byBlock(e.errors(), view));
        }
        String key = RequestKeys.of("view", view.getId());
        if (!parts.keys().claim(key)) {
            return ctx.ack();
        }
        ModalMetadata meta = ModalMetadata.parse(view.getPrivateMetadata());
        String user = p.getUser() == null ? null : p.getUser().getId();
        String team = p.getTeam() == null ? null : p.getTeam().getId();
        Requester who = Requester.chat(Platform.SLACK, team, meta.channel(), user);
        Destination to = new Destination(meta.channel(), meta.responseUrl(), user);
        if (!parts.offer(key, "the verdict for " + user, () -> parts.flow().decideAndDeliver(scenario, who, to))) {
            String block = ModalState.blockOf(view, ScenarioField.REQUESTS_PER_DAY).orElse(ScenarioField.REQUESTS_PER_DAY.json());
            return ctx.ackWithErrors(Map.of(block, "I'm answering a lot of questions right now. Press Decide again in a minute."));
        }
        return ctx.ack();
    }
}
