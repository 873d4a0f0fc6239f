package dev.hostwise.bot.mattermost.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.conversation.Admission;
import dev.hostwise.bot.conversation.Conversation;
import dev.hostwise.bot.conversation.ReplyAddress;
import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.mattermost.MattermostParts;
import dev.hostwise.bot.mattermost.callback.DialogState;
import dev.hostwise.bot.mattermost.input.DialogSubmission;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /mattermost/dialog}: the scenario dialog was submitted. Mattermost posts JSON
 * (server/public/model/integration_action.go, {@code SubmitDialogRequest}: {@code type: dialog_submission},
 * {@code callback_id}, {@code state}, {@code user_id}, {@code channel_id}, {@code team_id}, {@code submission},
 * {@code cancelled}). Its state must be one Hostwise sealed, for the user it was opened for. Every field is
 * checked now: bad ones come back under their element and the dialog stays open with what was entered; a
 * good one is acknowledged at once (the dialog closes) and decided and posted off the request thread.
 */
public final class DialogRoute implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DialogRoute.class);

    private final MattermostParts parts;

    public DialogRoute(MattermostParts parts) {
        this.parts = parts;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        Optional<JsonNode> body = Answers.body(ex);
        if (body.isEmpty()) {
            HttpResponses.error(ex, 400, "a dialog submission is a JSON object");
            return;
        }
        JsonNode req = body.get();
        String user = Answers.text(req, "user_id");
        Optional<DialogState> state = DialogState.decode(Answers.text(req, "state"), parts.seal())
                .filter(s -> s.user() == null || Objects.equals(s.user(), user));
        if (state.isEmpty()) {
            LOG.info("refused a dialog submission from {}: its state is missing, altered, or another user's", Answers.remote(ex));
            Answers.refused(ex, "this endpoint only answers dialogs Hostwise opened");
            return;
        }
        if (!parts.ready().getAsBoolean()) {
            Answers.notReady(ex);
            return;
        }
        if (req.path("cancelled").asBoolean(false)) {
            Answers.empty(ex);
            return;
        }
        Scenario scenario;
        try {
            scenario = parts.conversation().readForm(DialogSubmission.values(req.get("submission")));
        } catch (InvalidScenarioException e) {
            Answers.json(ex, DialogSubmission.errors(e.errors()));
            return;
        }
        DialogState s = state.get();
        parts.users().remember(user, s.userName());
        Requester who = Requester.chat(Platform.MATTERMOST, Answers.text(req, "team_id"), s.channel(), user);
        Admission a = parts.conversation().decide(parts.conversation().key("dialog", s.nonce()), scenario, who,
                new ReplyAddress(s.channel(), s.responseUrl(), user));
        if (a == Admission.BUSY) {
            // the dialog stays open with what was entered; pressing Decide again is served
            Answers.json(ex, Map.of("error", Conversation.BUSY));
            return;
        }
        Answers.empty(ex);
    }
}
