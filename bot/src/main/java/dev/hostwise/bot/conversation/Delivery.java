package dev.hostwise.bot.conversation;

import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets answers to the person who asked, on any chat platform. A verdict goes to its conversation
 * first; if the bot cannot post there (it is not in the channel, or the platform keeps failing),
 * through the request's reply link; then as a direct message. Each fallback tells the user why it was
 * needed, and a verdict that reaches nobody is logged with its ID: it is never lost silently.
 */
public final class Delivery {

    /** Where a verdict ended up. */
    public enum Where { CONVERSATION, REPLY_LINK, DIRECT_MESSAGE, NOWHERE }

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final Outlet outlet;

    public Delivery(Outlet outlet) {
        this.outlet = outlet;
    }

    /**
     * How one attempt to deliver a verdict went: where it ended up and, when that is nowhere, why each way failed;
     * when it was posted in its conversation, that conversation and the message to reply under (what a later
     * notice about the verdict, that it was superseded, replies to).
     */
    public record Attempt(Where where, List<String> problems, Optional<String> conversation, Optional<String> thread) {

        public Attempt(Where where, List<String> problems) {
            this(where, problems, Optional.empty(), Optional.empty());
        }

        /** The reasons in one line, for a log or the outbox's record. */
        public String why() {
            return problems.isEmpty() ? "no conversation, reply link or user to send it to" : String.join("; ", problems);
        }
    }

    /** Delivers a verdict by the first way that works; one that reaches nobody is logged at ERROR with its ID. */
    public Where deliver(RecordedVerdict recorded, Requester who, ReplyAddress to) {
        return deliverTracked(recorded, who, to).where();
    }

    /** As {@link #deliver}, saying which message the verdict became when it was posted in its conversation. */
    public Attempt deliverTracked(RecordedVerdict recorded, Requester who, ReplyAddress to) {
        Attempt a = attempt(recorded, who, to);
        if (a.where() == Where.NOWHERE) {
            Verdict v = recorded.verdict();
            LOG.error("verdict {} ({}) reached nobody: {}", v.id(), v.recommendation().headline(), a.why());
        }
        return a;
    }

    /** Tries each way once (each with the platform's retries); logs nothing itself, so a caller that will try again can say so. */
    public Attempt attempt(RecordedVerdict recorded, Requester who, ReplyAddress to) {
        List<String> problems = new ArrayList<>();
        Optional<String> conversationProblem = Optional.empty();
        if (to.conversation() != null) {
            Sent posted = outlet.post(to.conversation(), new Reply.VerdictReply(recorded, who, Optional.empty()));
            if (posted instanceof Sent.Ok ok) {
                return new Attempt(Where.CONVERSATION, List.of(), Optional.of(to.conversation()), ok.thread());
            }
            conversationProblem = Optional.of(posted.problem());
            problems.add("conversation " + to.conversation() + ": " + posted.problem());
        }
        if (to.responseUrl() != null) {
            Optional<Reply.Detour> detour = conversationProblem.map(p -> new Reply.Detour(to.conversation(), p, Reply.Via.REPLY_LINK));
            Sent replied = outlet.replyLink(to.responseUrl(), new Reply.VerdictReply(recorded, who, detour), true);
            if (replied.ok()) {
                return new Attempt(Where.REPLY_LINK, List.of());
            }
            problems.add("reply link: " + replied.problem());
        }
        if (to.user() != null) {
            Optional<Reply.Detour> detour = conversationProblem.map(p -> new Reply.Detour(to.conversation(), p, Reply.Via.DIRECT_MESSAGE));
            Sent sent = outlet.directMessage(to.user(), new Reply.VerdictReply(recorded, who, detour));
            if (sent.ok()) {
                return new Attempt(Where.DIRECT_MESSAGE, List.of());
            }
            problems.add("direct message: " + sent.problem());
        }
        return new Attempt(Where.NOWHERE, List.copyOf(problems));
    }

    /**
     * Shows a verdict's math under the message it belongs to; when the bot cannot post there (it
     * answered through a reply link because it is not in the conversation), shows it to the user alone.
     */
    public boolean showMath(Verdict v, ReplyAddress to, String thread) {
        String problem = "no thread to reply in";
        if (to.conversation() != null && thread != null) {
            Sent posted = outlet.inThread(to.conversation(), thread, new Reply.MathReply(v, Optional.empty()));
            if (posted.ok()) {
                return true;
            }
            problem = posted.problem();
        }
        if (to.responseUrl() != null && outlet.replyLink(to.responseUrl(), new Reply.MathReply(v, Optional.of(problem)), false).ok()) {
            return true;
        }
        LOG.warn("the reply about {} reached nobody: {}", v.id(), problem);
        return false;
    }

    /**
     * Posts a notice about a verdict where its people will see it: under the verdict's message (in its
     * thread) when it was posted in a conversation, else to the user who asked, directly.
     *
     * @param conversation where the verdict's message is, when it was posted in one
     * @param thread       the message to reply under (Slack's ts), with {@code conversation}
     * @param user         who asked, for a direct message
     * @return how the last attempt went
     */
    public Sent notice(Optional<String> conversation, Optional<String> thread, String user, Reply.Notice notice) {
        Sent last = new Sent.Failed("no thread and no user to tell");
        if (conversation.isPresent() && thread.isPresent()) {
            last = outlet.inThread(conversation.get(), thread.get(), notice);
            if (last.ok()) {
                return last;
            }
            LOG.warn("the notice about {} could not go in its thread ({}); trying a direct message", notice.subject(), last.problem());
        }
        if (user != null) {
            last = outlet.directMessage(user, notice);
        }
        return last;
    }

    /** Answers the asker alone through the reply link; false when there is none or it failed. */
    public boolean answerPrivately(ReplyAddress to, Reply reply) {
        return to.responseUrl() != null && outlet.replyLink(to.responseUrl(), reply, false).ok();
    }

    /**
     * Tells the user something that is not a verdict (a failure, a notice): only to them through the
     * reply link when there is one, else by direct message. Returns false when neither worked.
     */
    public boolean tell(ReplyAddress to, String subject, String text) {
        Reply notice = new Reply.Notice(subject, text);
        if (to.responseUrl() != null && outlet.replyLink(to.responseUrl(), notice, false).ok()) {
            return true;
        }
        if (to.user() != null && outlet.directMessage(to.user(), notice).ok()) {
            return true;
        }
        LOG.warn("could not tell the user about {}: {}", subject, text);
        return false;
    }
}
