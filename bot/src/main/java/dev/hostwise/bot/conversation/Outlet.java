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
}
