package dev.hostwise.bot.mattermost.delivery;

import dev.hostwise.bot.conversation.Outlet;
import dev.hostwise.bot.conversation.Reply;
import dev.hostwise.bot.conversation.Sent;
import dev.hostwise.bot.mattermost.api.ApiResult;
import dev.hostwise.bot.mattermost.api.MattermostApi;
import dev.hostwise.bot.mattermost.api.ReplyLinks;
import dev.hostwise.bot.mattermost.render.Markdown;
import dev.hostwise.bot.mattermost.render.MathPost;
import dev.hostwise.bot.mattermost.render.PostBody;
import dev.hostwise.bot.mattermost.render.VerdictPost;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The conversation's replies on Mattermost: rendered as Markdown ({@link VerdictPost}, {@link MathPost})
 * and sent as the bot with {@code POST /api/v4/posts} ({@code channel_id}, {@code message}, {@code root_id}
 * for a thread reply, {@code props.attachments} for the buttons; api/v4/source/posts.yaml), through a
 * command's {@code response_url}, or as a direct message in the channel {@code POST /api/v4/channels/direct}
 * opens between the bot and the user. A verdict posted in a channel gets its charts in its thread.
 */
public final class MattermostOutlet implements Outlet {

    private final MattermostApi api;
    private final ReplyLinks replyLinks;
    private final VerdictPost verdicts;
    private final MathPost math = new MathPost();
    private final ChartThread charts;
    private final Supplier<Optional<BotIdentity>> bot;

    /**
     * @param bot the bot's own account, once Mattermost has confirmed the token (needed for direct messages)
     */
    public MattermostOutlet(MattermostApi api, ReplyLinks replyLinks, VerdictPost verdicts, ChartThread charts,
                            Supplier<Optional<BotIdentity>> bot) {
        this.api = api;
        this.replyLinks = replyLinks;
        this.verdicts = verdicts;
        this.charts = charts;
        this.bot = bot;
    }

    @Override
    public Sent post(String channel, Reply reply) {
        ApiResult posted = api.post("/api/v4/posts", reply.subject(), render(reply).post(channel, null));
        if (!posted.ok()) {
            return new Sent.Failed(posted.problem());
        }
        String id = posted.body().path("id").asText("");
        if (id.isEmpty()) {
            return Sent.done();
        }
        if (reply instanceof Reply.VerdictReply v) {
            charts.offer(channel, id, v.recorded().verdict());
        }
        return new Sent.Ok(Optional.of(id));
    }

    @Override
    public Sent replyLink(String responseUrl, Reply reply, boolean forEveryone) {
        Optional<String> spent = replyLinks.use(responseUrl);
        if (spent.isPresent()) {
            return new Sent.Failed(spent.get());
        }
        ApiResult sent = api.respond(responseUrl, reply.subject(), render(reply).commandResponse(forEveryone));
        return sent.ok() ? Sent.done() : new Sent.Failed(sent.problem());
    }

    @Override
    public Sent directMessage(String user, Reply reply) {
        Optional<BotIdentity> me = bot.get();
        if (me.isEmpty()) {
            return new Sent.Failed("Mattermost has not confirmed the bot's account yet");
        }
        ApiResult dm = api.post("/api/v4/channels/direct", reply.subject(), List.of(me.get().userId(), user));
        if (!dm.ok()) {
            return new Sent.Failed(dm.problem());
        }
        return post(dm.body().path("id").asText(), reply);
    }

    @Override
    public Sent inThread(String channel, String thread, Reply reply) {
        ApiResult posted = api.post("/api/v4/posts", reply.subject(), render(reply).post(channel, thread));
        return posted.ok() ? Sent.done() : new Sent.Failed(posted.problem());
    }

    /** At most this many posts come back for a {@code since} query (api/v4/source/posts.yaml, getPostsForChannel). */
    private static final int SINCE_LIMIT = 1000;

    /**
     * Reads the channel's posts since {@code since} ({@code GET /api/v4/channels/{channel_id}/posts?since=}, in
     * Unix milliseconds: every post created or changed since, up to 1,000) for one of the bot's own that names
     * the verdict. A channel the bot may not read (403: the verdict then went by the reply link or a direct
     * message) is {@link Seen#CANNOT_TELL}, and so is a channel busier than one answer holds.
     */
    @Override
    public Seen alreadyPosted(String channel, String subject, java.time.Instant since) {
        Optional<BotIdentity> me = bot.get();
        if (me.isEmpty()) {
            // Mattermost has not confirmed the bot's account yet: its posts cannot be told from anyone's
            return Seen.UNREACHABLE;
        }
        String path = "/api/v4/channels/" + java.net.URLEncoder.encode(channel, java.nio.charset.StandardCharsets.UTF_8)
                + "/posts?since=" + Math.max(1, since.toEpochMilli());
        ApiResult read = api.get(path, "/api/v4/channels/{channel_id}/posts", subject);
        if (read instanceof ApiResult.Refused) {
            return Seen.CANNOT_TELL;
        }
        if (!read.ok()) {
            return Seen.UNREACHABLE;
        }
        com.fasterxml.jackson.databind.JsonNode posts = read.body().path("posts");
        int seen = 0;
        for (var post : (Iterable<com.fasterxml.jackson.databind.JsonNode>) posts::elements) {
            seen++;
            if (me.get().userId().equals(post.path("user_id").asText()) && names(post, subject)) {
                return Seen.POSTED;
            }
        }
        return seen >= SINCE_LIMIT ? Seen.CANNOT_TELL : Seen.NOT_POSTED;
    }

    /** A post names the verdict in its text, or (a text cut to fit) in its buttons' fallback line. */
    private static boolean names(com.fasterxml.jackson.databind.JsonNode post, String subject) {
        if (post.path("message").asText("").contains(subject)) {
            return true;
        }
        for (var attachment : post.path("props").path("attachments")) {
            if (attachment.path("fallback").asText("").contains(subject)) {
                return true;
            }
        }
        return false;
    }

    private PostBody render(Reply reply) {
        if (reply instanceof Reply.VerdictReply v) {
            return verdicts.render(v.recorded(), v.who(), v.detour().map(this::note));
        }
        if (reply instanceof Reply.MathReply m) {
            return math.render(m.verdict(), m.notInThread());
        }
        Reply.Notice n = (Reply.Notice) reply;
        return PostBody.text(Markdown.fit(Markdown.fromSlackStyle(n.text()), "_Cut to fit a Mattermost post._"));
    }

    /** Why a verdict came another way, in the post's own words. */
    private String note(Reply.Detour d) {
        String invite = bot.get().map(b -> "`/invite @" + b.userName() + "`").orElse("add me to the channel");
        String problem = Markdown.escape(d.problem());
        return switch (d.via()) {
            case REPLY_LINK -> "I couldn't post in this channel myself (" + problem + "), so this came through the command's "
                    + "reply link. " + capitalised(invite) + " to let me post there directly.";
            case DIRECT_MESSAGE -> "I couldn't post this in the channel it was asked in (" + problem + "), so here it is as a "
                    + "direct message. " + capitalised(invite) + " in that channel to get verdicts there.";
        };
    }

    private static String capitalised(String s) {
        return s.startsWith("`") ? "Run " + s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
