package dev.hostwise.bot.slack.delivery;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import dev.hostwise.bot.conversation.Outlet;
import dev.hostwise.bot.conversation.Reply;
import dev.hostwise.bot.conversation.Sent;
import dev.hostwise.bot.slack.blocks.MathThread;
import dev.hostwise.bot.slack.blocks.SlackText;
import dev.hostwise.bot.slack.blocks.VerdictMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conversation's replies on Slack: rendered as Block Kit ({@link VerdictMessage}, {@link MathThread})
 * and sent through the Web API ({@code chat.postMessage}, the command's {@code response_url},
 * {@code conversations.open} for a direct message). A verdict posted in a channel gets its charts in
 * its thread.
 */
public final class SlackOutlet implements Outlet {

    private final WebApi api;
    private final ChartUpload charts;
    private final VerdictMessage message;
    private final MathThread math = new MathThread();

    public SlackOutlet(WebApi api, ChartUpload charts, VerdictMessage message) {
        this.api = api;
        this.charts = charts;
        this.message = message;
    }

    /** A reply as Slack shows it: the notification text and the blocks. */
    private record Rendered(String text, List<LayoutBlock> blocks) {
    }

    @Override
    public Sent post(String channel, Reply reply) {
        Rendered r = render(reply);
        ApiResult<JsonObject> posted = api.call("chat.postMessage", reply.subject(), SlackMethods.chatPostMessage(channel, r.text(), r.blocks()));
        if (posted instanceof ApiResult.Ok<JsonObject> done) {
            JsonObject answer = done.response();
            Optional<String> ts = answer.has("ts") ? Optional.of(answer.get("ts").getAsString()) : Optional.empty();
            if (reply instanceof Reply.VerdictReply v && ts.isPresent() && answer.has("channel")) {
                charts.offer(answer.get("channel").getAsString(), ts.get(), v.recorded().verdict());
            }
            return new Sent.Ok(ts);
        }
        return new Sent.Failed(posted.problem());
    }

    @Override
    public Sent replyLink(String responseUrl, Reply reply, boolean forEveryone) {
        Rendered r = render(reply);
        return sent(api.respond(responseUrl, reply.subject(), SlackMethods.responseMessage(forEveryone, r.text(), r.blocks())));
    }

    @Override
    public Sent directMessage(String user, Reply reply) {
        ApiResult<JsonObject> dm = api.call("conversations.open", reply.subject(), SlackMethods.conversationsOpen(user));
        if (dm instanceof ApiResult.Ok<JsonObject> open) {
            return post(open.response().getAsJsonObject("channel").get("id").getAsString(), reply);
        }
        return new Sent.Failed(dm.problem());
    }

    @Override
    public Sent inThread(String channel, String thread, Reply reply) {
        Rendered r = render(reply);
        return sent(api.call("chat.postMessage", reply.subject(), SlackMethods.chatPostInThread(channel, thread, r.text(), r.blocks())));
    }

    /** Pages of history read back at most: a verdict posted minutes ago is on the first unless the channel is very busy. */
    private static final int READ_BACK_PAGES = 5;

    /**
     * Reads the channel's history since {@code since} ({@code conversations.history}, scopes {@code channels:history}
     * and {@code groups:history}) for a message of this bot's that names the verdict. Without the scope, or in a
     * channel the bot cannot read (not a member: the verdict then went by the reply link), Slack refuses and
     * the answer is {@link Seen#CANNOT_TELL}.
     */
    @Override
    public Seen alreadyPosted(String channel, String subject, java.time.Instant since) {
        String oldest = since.getEpochSecond() + "." + String.format("%06d", since.getNano() / 1000);
        String cursor = null;
        for (int page = 0; page < READ_BACK_PAGES; page++) {
            ApiResult<JsonObject> read = api.call("conversations.history", subject,
                    SlackMethods.conversationsHistory(channel, oldest, 200, cursor));
            if (read instanceof ApiResult.Refused<JsonObject>) {
                return Seen.CANNOT_TELL;
            }
            if (!(read instanceof ApiResult.Ok<JsonObject> ok)) {
                return Seen.UNREACHABLE;
            }
            JsonObject answer = ok.response();
            if (answer.has("messages") && answer.get("messages").isJsonArray()) {
                for (var m : answer.getAsJsonArray("messages")) {
                    if (m.isJsonObject() && ours(m.getAsJsonObject()) && text(m.getAsJsonObject()).contains(subject)) {
                        return Seen.POSTED;
                    }
                }
            }
            cursor = answer.has("response_metadata") && answer.getAsJsonObject("response_metadata").has("next_cursor")
                    ? answer.getAsJsonObject("response_metadata").get("next_cursor").getAsString() : "";
            if (!answer.has("has_more") || !answer.get("has_more").getAsBoolean() || cursor.isEmpty()) {
                return Seen.NOT_POSTED;
            }
        }
        // a channel busier than the pages read: say so rather than guess
        return Seen.CANNOT_TELL;
    }

    /** A message a bot posted (verdicts are posted by this app's bot user). */
    private static boolean ours(JsonObject m) {
        return m.has("bot_id") && !m.get("bot_id").isJsonNull();
    }

    private static String text(JsonObject m) {
        return m.has("text") && m.get("text").isJsonPrimitive() ? m.get("text").getAsString() : "";
    }

    private Rendered render(Reply reply) {
        if (reply instanceof Reply.VerdictReply v) {
            return new Rendered(message.text(v.recorded().verdict()), message.blocks(v.recorded(), v.who(), v.detour().map(SlackOutlet::note)));
        }
        if (reply instanceof Reply.MathReply m) {
            List<LayoutBlock> blocks = new ArrayList<>(math.blocks(m.verdict()));
            m.notInThread().ifPresent(why -> blocks.add(context(c -> c.elements(List.of(markdownText(
                    "Only you can see this: I couldn't reply in the thread (" + SlackText.problemForUser(why) + "). `/invite` me to the channel to "
                            + "let me post there."))))));
            return new Rendered(math.text(m.verdict()), blocks);
        }
        // a notice is plain words (with `code` spans): escaped, so nothing in it is read as a mention or a link, and capped
        Reply.Notice n = (Reply.Notice) reply;
        String text = SlackText.fit(SlackText.escape(n.text()), SlackText.SECTION_MAX);
        return new Rendered(text, List.of(section(s -> s.text(markdownText(text)))));
    }

    /** Why a verdict came another way, in the message's own words. */
    private static String note(Reply.Detour d) {
        return switch (d.via()) {
            case REPLY_LINK -> "I couldn't post in <#" + d.conversation() + "> myself (" + SlackText.problemForUser(d.problem())
                    + "), so this came through the command's reply link. `/invite` me to the channel to let me post there directly.";
            case DIRECT_MESSAGE -> "I couldn't post this in <#" + d.conversation() + "> (" + SlackText.problemForUser(d.problem())
                    + "), so here it is as a direct message. `/invite` me to that channel to get verdicts there.";
        };
    }

    private static Sent sent(ApiResult<?> result) {
        return result.ok() ? Sent.done() : new Sent.Failed(result.problem());
    }
}
