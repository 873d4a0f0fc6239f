package dev.hostwise.bot.conversation;

/** What became of a request handed to the conversation core. */
public enum Admission {
    /** Taken: the work will be done and the user answered. */
    ACCEPTED,
    /** A repeat of a request already taken (a platform retry, a double click): nothing more is done. */
    REPEAT,
    /** No room right now: nothing was taken, the key was given back, and the user should try again shortly. */
    BUSY
}
