package dev.hostwise.bot.store;

import dev.hostwise.knowledge.evidence.LoadTestRun;

/**
 * The same result file was imported before for another configuration. A file is evidence for the
 * configuration it ran on; importing it as a second one would count one load test twice.
 */
public final class EvidenceConflictException extends RuntimeException {

    private final LoadTestRun stored;

    public EvidenceConflictException(LoadTestRun stored, LoadTestRun asked) {
        super("this file (evidence " + stored.shortId() + ") was imported on " + stored.importedAt().toString().substring(0, 10)
                + " as a load test of " + stored.model() + " on " + stored.configuration() + "; it cannot also be evidence for "
                + asked.model() + " on " + asked.configuration() + ". Check --model, --gpu, --gpus and --precision");
        this.stored = stored;
    }

    public LoadTestRun stored() {
        return stored;
    }
}
