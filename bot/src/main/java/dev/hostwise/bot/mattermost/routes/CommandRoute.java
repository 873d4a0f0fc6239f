package dev.hostwise.bot.mattermost.routes;

import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.conversation.Admission;
import dev.hostwise.bot.conversation.Ask;
import dev.hostwise.bot.conversation.Conversation;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.conversation.ReplyAddress;
import dev.hostwise.bot.http.Requests;
import dev.hostwise.bot.mattermost.MattermostParts;
import dev.hostwise.bot.mattermost.callback.DialogState;
import dev.hostwise.bot.mattermost.input.CommandTokens;
import dev.hostwise.bot.mattermost.render.HelpPost;
import dev.hostwise.bot.mattermost.render.Markdown;
import dev.hostwise.bot.mattermost.render.PostBody;
import dev.hostwise.bot.mattermost.render.RulesPost;
import dev.hostwise.bot.pool.PoolText;
import dev.hostwise.bot.pool.Pools;
import dev.hostwise.rules.ReloadOutcome;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /mattermost/command}: the {@code /selfhost} slash command. Mattermost posts it as a form
 * (server/channels/app/command.go, {@code ExecuteCommand}: {@code token}, {@code team_id}, {@code team_domain},
 * {@code channel_id}, {@code channel_name}, {@code user_id}, {@code user_name}, {@code command}, {@code text},
 * {@code trigger_id}, {@code response_url}) and shows the JSON command response it gets back
 * (server/public/model/command_response.go). The token is checked first; the conversation core reads what
 * was asked ({@link Ask}) and this handler answers each kind.
 */
public final class CommandRoute implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRoute.class);

    private final MattermostParts parts;
    private final HelpPost help = new HelpPost();

    public CommandRoute(MattermostParts parts) {
        this.parts = parts;
    }

    /** One slash command, as Mattermost sends it. */
    private record Command(String team, String channel, String user, String userName, String text, String trigger,
                           String responseUrl) {

        static Command of(Map<String, String> form) {
            return new Command(blank(form.get("team_id")), blank(form.get("channel_id")), blank(form.get("user_id")),
                    blank(form.get("user_name")), form.getOrDefault("text", ""), blank(form.get("trigger_id")),
                    blank(form.get("response_url")));
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s;
        }

        Requester who() {
            return Requester.chat(Platform.MATTERMOST, team, channel, user);
        }
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        Map<String, String> form = Requests.form(ex);
        String token = CommandTokens.carried(form.get("token"), ex.getRequestHeaders().getFirst("Authorization"));
        if (!parts.commandTokens().accepts(token)) {
            LOG.info("refused a slash command from {}: {}", Answers.remote(ex),
                    token == null ? "it carried no token" : "its token is not one of MATTERMOST_COMMAND_TOKEN's");
            Answers.refused(ex, "this endpoint only answers the /selfhost slash command, with its token");
            return;
        }
        if (!parts.ready().getAsBoolean()) {
            Answers.notReady(ex);
            return;
        }
        Command c = Command.of(form);
        parts.users().remember(c.user(), c.userName());
        parts.replyLinks().arrived(c.responseUrl());
        Ask ask = parts.conversation().ask(c.text());
        if (ask instanceof Ask.OpenForm) {
            openForm(ex, c);
        } else if (ask instanceof Ask.Quick q) {
            quick(ex, c, q.text());
        } else if (ask instanceof Ask.Help) {
            var policy = parts.hostwise().decider().activePolicy();
            ephemeral(ex, help.render(policy.revision(), policy.conditions()));
        } else if (ask instanceof Ask.Lookup lookup) {
            lookUp(ex, c, lookup.verdictId());
        } else if (ask instanceof Ask.RulesStatus) {
            ephemeral(ex, RulesPost.status(parts.hostwise().decider().activePolicy(), parts.hostwise().reloader()));
        } else if (ask instanceof Ask.Reload) {
            reload(ex, c);
        } else if (ask instanceof Ask.Mute mute) {
            mute(ex, c, mute.verdictId());
        } else if (ask instanceof Ask.Pool) {
            pool(ex, c);
        }
    }

    /** {@code /selfhost}: the dialog, opened now, while the trigger is good. */
    private void openForm(HttpServerExchange ex, Command c) {
        DialogState state = DialogState.fresh(c.channel(), c.responseUrl(), c.user(), c.userName());
        if (DialogOpening.open(parts, c.trigger(), FormValues.defaults(), true, state, "the scenario form")
                instanceof DialogOpening.Outcome.Failed failed) {
            ephemeral(ex, "I couldn't open the form (" + Markdown.escape(failed.problem()) + "). Run `" + Ask.COMMAND
                    + "` again, or decide in one line: `" + Ask.COMMAND + " 50000/day task=classification quality=good_enough "
                    + "privacy=in_house` (`" + Ask.COMMAND + " help` lists every key).");
            return;
        }
        Answers.empty(ex);
    }

    /** {@code /selfhost 50000/day task=…}: read and checked now; decided and posted off the request thread. */
    private void quick(HttpServerExchange ex, Command c, String text) {
        Conversation.QuickAnswer answer = parts.conversation().readQuickForm(text);
        if (answer instanceof Conversation.QuickAnswer.NotUnderstood no) {
            ephemeral(ex, no.reply());
            return;
        }
        Conversation.QuickAnswer.Understood yes = (Conversation.QuickAnswer.Understood) answer;
        Admission a = parts.conversation().decide(parts.conversation().key("trigger", c.trigger()), yes.scenario(), c.who(),
                new ReplyAddress(c.channel(), c.responseUrl(), c.user()));
        if (a == Admission.BUSY) {
            ephemeral(ex, Conversation.BUSY);
            return;
        }
        Answers.empty(ex);
    }

    /** {@code /selfhost verdict HW-…}: the store is asked off the request thread; the answer comes through the reply link. */
    private void lookUp(HttpServerExchange ex, Command c, Optional<String> id) {
        if (id.isEmpty()) {
            ephemeral(ex, "Give the verdict's ID, e.g. `" + Ask.COMMAND + " verdict HW-2026-0042`.");
            return;
        }
        if (parts.conversation().lookUp(id.get(), new ReplyAddress(null, c.responseUrl(), c.user())) == Admission.BUSY) {
            ephemeral(ex, Conversation.BUSY);
            return;
        }
        Answers.empty(ex);
    }

    /** {@code /selfhost mute HW-…}: the core checks who asked for it and answers through the reply link. */
    private void mute(HttpServerExchange ex, Command c, Optional<String> id) {
        if (id.isEmpty()) {
            ephemeral(ex, "Give the verdict's ID, e.g. `" + Ask.COMMAND + " mute HW-2026-0042`.");
            return;
        }
        if (parts.conversation().mute(id.get(), c.user(), new ReplyAddress(null, c.responseUrl(), c.user())) == Admission.BUSY) {
            ephemeral(ex, Conversation.BUSY);
            return;
        }
        Answers.empty(ex);
    }

    /**
     * {@code /selfhost pool}: for {@code HOSTWISE_ADMINS} only (it shows other teams' volumes and costs); the
     * pools are found, decided and stored off the request thread and come through the reply link.
     */
    private void pool(HttpServerExchange ex, Command c) {
        if (c.user() == null || !parts.settings().admins().contains(c.user())) {
            ephemeral(ex, "Only Hostwise admins can look for pools: they show other teams' volumes and costs. Ask one of them.");
            return;
        }
        Admission a = parts.conversation().pool(new ReplyAddress(null, c.responseUrl(), c.user()),
                () -> PoolText.render(new Pools(parts.hostwise(), parts.hostwise().watchWindow()).find(c.who()), parts.pageBaseUrl()));
        ephemeral(ex, a == Admission.BUSY ? Conversation.BUSY : "Looking for teams whose demand would clear the break-even together…");
    }

    /** {@code /selfhost reload}: for {@code HOSTWISE_ADMINS} only; the outcome follows through the reply link. */
    private void reload(HttpServerExchange ex, Command c) {
        if (c.user() == null || !parts.settings().admins().contains(c.user())) {
            ephemeral(ex, "Only Hostwise admins can reload the rules. Ask one of them, or see the active revision with `"
                    + Ask.COMMAND + " rules`.");
            return;
        }
        String responseUrl = c.responseUrl();
        boolean queued = parts.conversation().queue("rules reload for " + c.user(), () -> {
            ReloadOutcome outcome = parts.hostwise().reloader().reload(Platform.MATTERMOST.id() + ":" + c.user());
            if (responseUrl != null && parts.replyLinks().use(responseUrl).isEmpty()) {
                parts.api().respond(responseUrl, "reload " + outcome.candidate(), RulesPost.outcome(outcome).commandResponse(false));
            }
        });
        ephemeral(ex, queued ? "Checking the rules: compiling them and running every policy case…"
                : "I'm answering a lot of questions right now and couldn't start the reload. Run `" + Ask.COMMAND
                        + " reload` again in a minute.");
    }

    private static void ephemeral(HttpServerExchange ex, String markdown) {
        ephemeral(ex, PostBody.text(Markdown.fit(markdown, "_Cut to fit a Mattermost post._")));
    }

    private static void ephemeral(HttpServerExchange ex, PostBody body) {
        Answers.json(ex, body.commandResponse(false));
    }
}
