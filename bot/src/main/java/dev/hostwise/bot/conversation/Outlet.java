package dev.hostwise.bot.conversation;

/**
 * A chat platform's ways of getting a {@link Reply} to people: it renders the reply in the platform's
 * format and calls its API (with the platform's retries). Which way to try first, and what to do when
 * one fails, is {@link Delivery}'s business; an outlet only reports how each attempt went.
 */
public interface Outlet {

    /** Posts for everyone in a conversation. A verdict posted this way may get its charts in its thread. */
    Sent post(String conversation, Reply reply);

    /**
     * Answers through the request's reply link (Slack's and Mattermost's {@code response_url}).
     *
     * @param forEveryone true to show it in the conversation, false to show it to the asker alone
     */
    Sent replyLink(String responseUrl, Reply reply, boolean forEveryone);

    /** Sends it to one user directly. */
    Sent directMessage(String user, Reply reply);

    /** Replies under a message ({@link Sent.Ok#thread()} of an earlier post). */
    Sent inThread(String conversation, String thread, Reply reply);

    /** What a platform can say about an earlier attempt to post a reply. */
    enum Seen {
        /** It is there: do not post it again. */
        POSTED,
        /** It is not there. */
        NOT_POSTED,
        /** The platform cannot say (no way to read back, or no permission to): posting again may show it twice. */
        CANNOT_TELL,
        /** The platform did not answer now: try again later. */
        UNREACHABLE
    }

    /**
     * Whether a reply about {@code subject} (a verdict ID) was posted in a conversation since {@code since}.
     * Asked before a verdict is delivered again, by a worker that took over a job another one may have been
     * posting when it died, or after an attempt whose outcome is unknown: a post can reach the platform
     * although its answer never came back. A platform with no way to read its messages back keeps the default,
     * and a crash in the middle of a post may then show that verdict twice.
     */
    default Seen alreadyPosted(String conversation, String subject, java.time.Instant since) {
        return Seen.CANNOT_TELL;
    }
}
