package dev.hostwise.bot.mattermost.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostwise.bot.conversation.Admission;
import dev.hostwise.bot.conversation.Conversation;
import dev.hostwise.bot.conversation.ReplyAddress;
import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.mattermost.MattermostParts;
import dev.hostwise.bot.mattermost.callback.ButtonContext;
import dev.hostwise.bot.mattermost.callback.DialogState;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /mattermost/action}: a button under a verdict was pressed. Mattermost posts JSON
 * (server/public/model/integration_action.go, {@code PostActionIntegrationRequest}: {@code user_id},
 * {@code user_name}, {@code channel_id}, {@code team_id}, {@code post_id}, {@code trigger_id}, {@code context})
 * and shows the {@code ephemeral_text} of the JSON it gets back ({@code PostActionIntegrationResponse}). The
 * context must be one Hostwise sealed. "Adjust inputs" reopens the dialog with the verdict's inputs; "Show
 * the math" replies in the verdict's thread; "Mute updates" stops notices about its re-checks for the person who asked. A repeated delivery of a click carries the same trigger and
 * does nothing more.
 */
public final class ActionRoute implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ActionRoute.class);

    private final MattermostParts parts;

    public ActionRoute(MattermostParts parts) {
        this.parts = parts;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        Optional<JsonNode> body = Answers.body(ex);
        if (body.isEmpty()) {
            HttpResponses.error(ex, 400, "a button's action is a JSON object");
            return;
        }
        JsonNode req = body.get();
        Optional<ButtonContext> context = ButtonContext.read(req.get("context"), parts.seal());
        if (context.isEmpty()) {
            LOG.info("refused a button action from {}: its context is missing or altered", Answers.remote(ex));
            Answers.refused(ex, "this endpoint only answers buttons Hostwise posted");
            return;
        }
        if (!parts.ready().getAsBoolean()) {
            Answers.notReady(ex);
            return;
        }
        String user = Answers.text(req, "user_id");
        String userName = Answers.text(req, "user_name");
        String channel = Answers.text(req, "channel_id");
        String trigger = Answers.text(req, "trigger_id");
        parts.users().remember(user, userName);
        ButtonContext c = context.get();
        switch (c.action()) {
            case ADJUST -> {
                DialogState state = DialogState.fresh(channel, null, user, userName);
                if (DialogOpening.open(parts, trigger, Conversation.valuesToAdjust(c.adjust().orElse(null)), false, state, c.verdictId())
                        instanceof DialogOpening.Outcome.Failed failed) {
                    ephemeral(ex, "I couldn't open the form (" + failed.problem() + "). Press **Adjust inputs** again in a moment.");
                    return;
                }
            }
            case MUTE -> {
                // a repeated delivery of the click carries the same trigger and mutes once
                if (!parts.conversation().keys().claim(parts.conversation().key("trigger", trigger))) {
                    Answers.empty(ex);
                    return;
                }
                // an action has no reply link: the core confirms by direct message; the clicker sees this at once
                Admission a = parts.conversation().mute(c.verdictId(), user, new ReplyAddress(null, null, user));
                ephemeral(ex, a == Admission.BUSY ? Conversation.BUSY
                        : "Muting updates for " + c.verdictId() + "; I'll confirm in a direct message.");
                return;
            }
            case MATH -> {
                Admission a = parts.conversation().showTheMath(parts.conversation().key("trigger", trigger), c.verdictId(),
                        new ReplyAddress(channel, null, user), Answers.text(req, "post_id"));
                if (a == Admission.BUSY) {
                    ephemeral(ex, Conversation.BUSY);
                    return;
                }
            }
        }
        Answers.empty(ex);
    }

    private static void ephemeral(HttpServerExchange ex, String text) {
        Answers.json(ex, Map.of("ephemeral_text", text, "skip_slack_parsing", Boolean.TRUE));
    }
}
