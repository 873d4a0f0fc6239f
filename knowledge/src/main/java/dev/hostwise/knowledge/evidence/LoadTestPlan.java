package dev.hostwise.knowledge.evidence;

import dev.hostwise.knowledge.Figures;
import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.Workload;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.OpenModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load test that would answer a "Measure first" verdict, filled in from the scenario as priced: the
 * open model's repository, the GPUs of one replica, the precision, the requests in flight and the prompt
 * and completion lengths, as commands to paste. It is part of the verdict ({@code loadTest}), so every
 * surface (CLI, Slack, Mattermost, the page, the ADR) shows the same commands without the catalog.
 *
 * <p>The result it saves is what {@code hostwise measure import} reads, and it is comparable to the
 * scenario by construction (same configuration, the scenario's exact token lengths; see {@link ComparableRun}),
 * so importing it and asking again decides on the measurement.
 *
 * @param model          the catalog open model to load-test
 * @param repository     the Hugging Face repository served (the precision's checkpoint where the catalog names one)
 * @param gpuType        the catalog GPU, or null when the scenario named none
 * @param gpusPerReplica GPUs one server spans ({@code --tensor-parallel-size})
 * @param precision      the precision the verdict priced
 * @param concurrency    requests in flight: the batch the throughput was estimated at, the scenario's
 *                       maxConcurrency, or (for a typed throughput) that throughput x the latency target
 * @param inputTokens    prompt tokens per request
 * @param outputTokens   completion tokens per request (forced with --ignore-eos)
 * @param prompts        requests sent: ten rounds of the concurrency, at least 100
 * @param resultFile     where the result is saved
 * @param serveCommand   starts the server: {@code vllm serve ...}
 * @param benchCommand   runs the load test: {@code vllm bench serve ... --save-result}
 * @param importCommand  hands the result back: {@code ./hostwise measure import ...}
 * @param notes          what the commands leave to the team (a GPU to choose, a checkpoint to make)
 */
public record LoadTestPlan(
        String model,
        String repository,
        String gpuType,
        int gpusPerReplica,
        Precision precision,
        int concurrency,
        int inputTokens,
        int outputTokens,
        int prompts,
        String resultFile,
        String serveCommand,
        String benchCommand,
        String importCommand,
        List<String> notes) {

    /** Rounds of the concurrency sent, so the run is mostly at full concurrency rather than ramping. */
    static final int ROUNDS = 10;
    static final int MIN_PROMPTS = 100;
    /** Stands for what the team fills in when the scenario does not say it. */
    static final String GPU_PLACEHOLDER = "GPU_ID";

    public LoadTestPlan {
        notes = List.copyOf(notes);
    }

    /**
     * The plan for a priced scenario and its figures.
     *
     * @param priced the scenario as priced ({@code Verdict.pricedScenario()}): a search's chosen configuration
     */
    public static LoadTestPlan of(Scenario priced, Figures f, Catalog catalog) {
        List<String> notes = new ArrayList<>();
        OpenModel model = catalog.openModelOrDefault(priced.openModel());
        if (priced.openModel() == null) {
            notes.add("No open model was named, so the commands serve " + model.id() + ", the one quality was judged for;"
                    + " serve the model you would run.");
        }
        Precision precision = priced.precision() != null ? priced.precision() : Precision.FP16;
        // the weights are held as shipped when the model ships only smaller ones (gpt-oss asked for FP8 stays MXFP4)
        Precision format = model.weightFormat(precision);
        boolean checkpoint = model.precisions().stream().anyMatch(p -> p.repo() != null && p.precision().runsAs(format));
        String repository = model.checkpointFor(format).orElse(null);
        String quantization = "";
        if (repository == null) {
            repository = "HF_REPO";
            notes.add("The catalog names no repository for " + model.id() + ": put its Hugging Face ID in place of HF_REPO.");
        } else if (!checkpoint && !format.sixteenBit()) {
            if (format == Precision.FP8) {
                // vLLM quantises the 16-bit weights to FP8 as it loads them
                quantization = " --quantization fp8";
            } else {
                notes.add("No " + format + " checkpoint of " + model.id() + " is in the catalog: quantise the weights"
                        + " (for example with llm-compressor) and serve that in place of " + repository + ".");
            }
        }
        String gpu = priced.gpuType();
        if (gpu == null || Scenario.AUTO.equals(gpu)) {
            gpu = GPU_PLACEHOLDER;
            notes.add("No GPU type was named: run it on the GPU you would buy, and import it with that GPU's catalog ID"
                    + " in place of " + GPU_PLACEHOLDER + ".");
        }
        int gpus = priced.gpusPerReplica() != null ? priced.gpusPerReplica() : 1;
        Workload w = Workload.of(priced);
        int concurrency;
        if (f.estimate() != null) {
            concurrency = f.estimate().batch();
        } else if (priced.maxConcurrency() != null) {
            concurrency = priced.maxConcurrency();
        } else {
            concurrency = (int) Math.max(1, Math.ceil(f.requestsPerSecond() * priced.maxSecondsPerRequest()));
        }
        if (w.splitAssumed()) {
            notes.add("The prompt/completion split is the one Hostwise assumed (" + w.inputTokens() + " / " + w.outputTokens()
                    + "); use your real lengths, and give them as inputTokens and outputTokens when you ask again.");
        }
        int prompts = Math.max(MIN_PROMPTS, ROUNDS * concurrency);
        String file = String.format(Locale.ROOT, "hostwise-%s-%dx%s-%s.json", model.id(), gpus, gpu.toLowerCase(Locale.ROOT),
                precision.name().toLowerCase(Locale.ROOT));
        String serve = "vllm serve " + repository + " --tensor-parallel-size " + gpus + quantization;
        String bench = String.format(Locale.ROOT, "vllm bench serve --backend vllm --model %s --dataset-name random"
                + " --random-input-len %d --random-output-len %d --ignore-eos --max-concurrency %d --num-prompts %d"
                + " --percentile-metrics ttft,tpot,itl,e2el --save-result --result-filename %s",
                repository, w.inputTokens(), w.outputTokens(), concurrency, prompts, file);
        String importIt = String.format(Locale.ROOT, "./hostwise measure import %s --model %s --gpu %s --gpus %d --precision %s",
                file, model.id(), gpu, gpus, precision);
        return new LoadTestPlan(model.id(), repository, GPU_PLACEHOLDER.equals(gpu) ? null : gpu, gpus, precision, concurrency,
                w.inputTokens(), w.outputTokens(), prompts, file, serve, bench, importIt, notes);
    }

    /** The three commands, one per line, in the order they are run. */
    public List<String> commands() {
        return List.of(serveCommand, benchCommand, importCommand);
    }
}
