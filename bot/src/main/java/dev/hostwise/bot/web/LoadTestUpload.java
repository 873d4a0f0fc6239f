package dev.hostwise.bot.web;

import dev.hostwise.knowledge.evidence.LoadTestPlan;
import java.util.List;

/**
 * The upload form on a "Measure first" verdict's page: where it posts, the configuration the load test
 * ran on (pre-filled from the verdict's load-test plan, or as the user typed it), and the problems with
 * the last upload, if any. A view record, so the page draws it in one place (and a template can).
 *
 * @param action    {@code /v/{token}/load-test}
 * @param problems  why the last upload was refused; empty when there was none
 */
public record LoadTestUpload(String action, String model, String gpu, String gpus, String precision, List<String> problems) {

    /** The part of the page's path the form posts to, after the verdict's token. */
    public static final String PATH = "/load-test";
    /** The form field that carries the file. */
    public static final String FILE_FIELD = "result";

    public LoadTestUpload {
        problems = List.copyOf(problems);
    }

    /** What a submission carried: the file's bytes and name, and the configuration as typed. */
    public record Submitted(byte[] file, String fileName, String model, String gpu, String gpus, String precision) {
    }

    /** The form pre-filled from the verdict's plan. */
    static LoadTestUpload of(String token, LoadTestPlan plan) {
        return new LoadTestUpload("/v/" + token + PATH, plan.model(), plan.gpuType() == null ? "" : plan.gpuType(),
                String.valueOf(plan.gpusPerReplica()), plan.precision().name(), List.of());
    }
}
