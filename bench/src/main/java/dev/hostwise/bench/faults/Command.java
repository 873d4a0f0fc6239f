package dev.hostwise.bench.faults;

/**
 * One user action the suite sends: a quick-form command or a modal submission. Each has a channel, user and
 * trigger of its own, so every verdict stored and every message posted can be traced back to it.
 */
final class Command {

    enum Kind { QUICK, MODAL }

    /** What Slack would make of the answer to the command (or, for a modal, to its submission). */
    enum Ack {
        /** 200 with an empty body within Slack's 3 s: the work was taken. */
        ACCEPTED,
        /** 200 with a message instead (busy, a field error, "couldn't open the form"): the user was answered at once. */
        ANSWERED_AT_ONCE,
        /** Slack would show its own error: no answer, a 5xx, or an answer after 3 s. */
        FAILED
    }

    final String fault;
    final int seq;
    final Kind kind;
    final String channel;
    final String user;
    final String trigger;

    volatile String sentTo = "";
    volatile long sentNanos;
    volatile int status;
    volatile String body = "";
    volatile long ackNanos;
    volatile int openStatus;
    volatile String openBody = "";
    volatile String viewId;

    Command(String fault, String runTag, int seq, Kind kind) {
        this.fault = fault;
        this.seq = seq;
        this.kind = kind;
        String id = runTag + String.format("%05d", seq);
        this.channel = "C" + id;
        this.user = "U" + id;
        this.trigger = "1337." + id;
    }

    Ack ack() {
        if (status != 200 || ackNanos - sentNanos > 3_000_000_000L) {
            return Ack.FAILED;
        }
        return body == null || body.isBlank() ? Ack.ACCEPTED : Ack.ANSWERED_AT_ONCE;
    }

    void answered(SlackTraffic.Delivery d) {
        status = d.status();
        body = d.body();
        ackNanos = d.atNanos();
    }
}
