package dev.hostwise.bot.store;

/**
 * A worker tried to record something about an outbox job it no longer holds: its lease expired and another
 * replica took the job over (or the job was finished meanwhile). Nothing was written; the other worker
 * answers the user.
 */
public final class LeaseLostException extends RuntimeException {

    public LeaseLostException(JobLease lease) {
        super("outbox job " + lease.job() + " is no longer held by " + lease.owner() + " (take " + lease.take() + ")");
    }
}
