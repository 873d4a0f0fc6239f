package dev.hostwise.bot.slack.delivery;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.slack.blocks.VerdictMessage;
import dev.hostwise.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a verdict to the person who asked. First the channel; if the bot is not in it (or Slack keeps
 * failing), the response_url; then a direct message. Each fallback tells the user why it was needed,
 * and a verdict that reaches nobody is logged with its ID: it is never lost silently.
 */
public final class VerdictDelivery {

    /** Where a verdict ended up. */
    public enum Where { CHANNEL, RESPONSE_URL, DIRECT_MESSAGE, NOWHERE }

    private static final Logger LOG = LoggerFactory.getLogger(VerdictDelivery.class);

    private final WebApi api;
    private final ChartUpload charts;
    private final VerdictMessage message;

    public VerdictDelivery(WebApi api, ChartUpload charts, VerdictMessage message) {
        this.api = api;
        this.charts = charts;
        this.message = message;
    }

    public Where deliver(RecordedVerdict recorded, Requester who, Destination to) {
        Verdict v = recorded.verdict();
        String text = message.text(v);
        List<String> problems = new ArrayList<>();
        Optional<String> channelProblem = Optional.empty();
        if (to.channel() != null) {
            ApiResult<JsonObject> posted = post(v.id(), to.channel(), text, message.blocks(recorded, who, Optional.empty()));
            if (posted instanceof ApiResult.Ok<JsonObject> done) {
                JsonObject answer = done.response();
                if (answer.has("ts") && answer.has("channel")) {
                    charts.offer(answer.get("channel").getAsString(), answer.get("ts").getAsString(), v);
                }
                return Where.CHANNEL;
            }
            channelProblem = Optional.of(posted.problem());
            problems.add("channel " + to.channel() + ": " + posted.problem());
        }
        if (to.responseUrl() != null) {
            Optional<String> note = channelProblem.map(p -> "I couldn't post in <#" + to.channel() + "> myself (" + p
                    + "), so this came through the command's reply link. `/invite` me to the channel to let me post there directly.");
            ApiResult<String> replied = api.respond(to.responseUrl(), v.id(),
                    SlackMethods.responseMessage(true, text, message.blocks(recorded, who, note)));
            if (replied.ok()) {
                return Where.RESPONSE_URL;
            }
            problems.add("response_url: " + replied.problem());
        }
        if (to.user() != null) {
            Optional<String> note = channelProblem.map(p -> "I couldn't post this in <#" + to.channel() + "> (" + p
                    + "), so here it is as a direct message. `/invite` me to that channel to get verdicts there.");
            ApiResult<JsonObject> sent = directMessage(v.id(), to.user(), text, message.blocks(recorded, who, note));
            if (sent.ok()) {
                return Where.DIRECT_MESSAGE;
            }
            problems.add("direct message: " + sent.problem());
        }
        LOG.error("verdict {} ({}) reached nobody: {}", v.id(), v.recommendation().headline(),
                problems.isEmpty() ? "no channel, response_url or user to send it to" : String.join("; ", problems));
        return Where.NOWHERE;
    }

    /**
     * Replies in a message's thread; when the bot cannot post there (it answered through a
     * response_url because it is not in the channel), shows the reply to the user alone instead.
     */
    public boolean replyInThread(Destination to, String threadTs, String subject, String text, List<LayoutBlock> blocks) {
        String problem = "no thread to reply in";
        if (to.channel() != null && threadTs != null) {
            ApiResult<JsonObject> posted = api.call("chat.postMessage", subject,
                    SlackMethods.chatPostInThread(to.channel(), threadTs, text, blocks));
            if (posted.ok()) {
                return true;
            }
            problem = posted.problem();
        }
        if (to.responseUrl() != null) {
            List<LayoutBlock> withNote = new ArrayList<>(blocks);
            String why = problem;
            withNote.add(context(c -> c.elements(List.of(markdownText("Only you can see this: I couldn't reply in the thread ("
                    + why + "). `/invite` me to the channel to let me post there.")))));
            if (api.respond(to.responseUrl(), subject, SlackMethods.responseMessage(false, text, withNote)).ok()) {
                return true;
            }
        }
        LOG.warn("the reply about {} reached nobody: {}", subject, problem);
        return false;
    }

    /**
     * Tells the user something that is not a verdict (a failure, a notice): only to them through the
     * response_url when there is one, else by direct message. Returns false when neither worked.
     */
    public boolean tell(Destination to, String subject, String text) {
        List<LayoutBlock> blocks = List.of(section(s -> s.text(markdownText(text))));
        if (to.responseUrl() != null && api.respond(to.responseUrl(), subject, SlackMethods.responseMessage(false, text, blocks)).ok()) {
            return true;
        }
        if (to.user() != null && directMessage(subject, to.user(), text, blocks).ok()) {
            return true;
        }
        LOG.warn("could not tell the user about {}: {}", subject, text);
        return false;
    }

    private ApiResult<JsonObject> post(String subject, String channel, String text, List<LayoutBlock> blocks) {
        return api.call("chat.postMessage", subject, SlackMethods.chatPostMessage(channel, text, blocks));
    }

    private ApiResult<JsonObject> directMessage(String subject, String user, String text, List<LayoutBlock> blocks) {
        ApiResult<JsonObject> dm = api.call("conversations.open", subject, SlackMethods.conversationsOpen(user));
        if (dm instanceof ApiResult.Ok<JsonObject> open) {
            return post(subject, open.response().getAsJsonObject("channel").get("id").getAsString(), text, blocks);
        }
        return dm;
    }
}
