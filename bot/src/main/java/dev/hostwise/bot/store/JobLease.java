package dev.hostwise.bot.store;

/**
 * A worker's hold on an outbox job: the job, the worker that took it, and which take it is. Every write a
 * worker makes to its job names all three, so once another replica has taken the job over (a later take),
 * the earlier worker can record nothing more about it.
 *
 * @param job   the job's ID in {@code outbox_jobs}
 * @param owner the worker's replica (host, process and start, unique per process)
 * @param take  the job's {@code takes} count when this worker took it
 */
public record JobLease(long job, String owner, int take) {
}
