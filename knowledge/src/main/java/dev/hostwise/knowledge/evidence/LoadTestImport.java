package dev.hostwise.knowledge.evidence;

import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.Suggestions;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.OpenModel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Turns a saved load-test result and the configuration it ran on ({@code --model}, {@code --gpu},
 * {@code --gpus}, {@code --precision}, which when left out is read from the model_id's checkpoint) into a
 * {@link LoadTestRun}: the file is read
 * ({@link VllmBenchResult}), the configuration checked against the catalog, and the file's
 * {@code model_id} checked against the model's repositories. Every problem is reported at once; a
 * file with any problem yields nothing.
 *
 * <p><b>Derived figures.</b> Requests per second per replica is {@code request_throughput}; token lengths
 * are {@code total_input_tokens} and {@code total_output_tokens} divided by {@code completed}. One
 * request's time is {@code mean_e2el_ms} when the file has it, else {@code mean_ttft_ms + mean_tpot_ms x
 * (completion tokens - 1)}, else {@code max_concurrency / request_throughput}. Requests in flight are
 * {@code max_concurrency}, else (no limit set) request_throughput x one request's time (Little's law).
 */
public final class LoadTestImport {

    /** The most GPUs one replica may have, as for {@code gpusPerReplica}. */
    public static final int MAX_GPUS = 64;

    /** What the person importing says the load test ran on. */
    public record Configuration(String model, String gpuType, int gpusPerReplica, Precision precision) {
    }

    /** The run, and what is worth saying about the file that did not stop the import. */
    public record Imported(LoadTestRun run, List<String> warnings) {
        public Imported {
            warnings = List.copyOf(warnings);
        }
    }

    private final Catalog catalog;

    public LoadTestImport(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param fileName   the file's name as given, for messages and the record
     * @param importedAt when it is imported: the record's import time, and its date when the file has none
     * @throws LoadTestFileException naming every problem with the file and the configuration
     */
    public Imported read(byte[] bytes, String fileName, Configuration c, Instant importedAt) {
        List<String> problems = new ArrayList<>();
        OpenModel model = null;
        if (c.model() == null || c.model().isBlank()) {
            problems.add("--model is required: the catalog open model the load test served, e.g. llama-3.3-70b");
        } else {
            model = catalog.openModel(c.model().trim().toLowerCase(Locale.ROOT)).orElse(null);
            if (model == null) {
                problems.add("--model '" + c.model() + "' is not an open model in the catalog; " + suggest(c.model(),
                        catalog.openModels().stream().map(OpenModel::id).toList()));
            }
        }
        Gpu gpu = null;
        if (c.gpuType() == null || c.gpuType().isBlank()) {
            problems.add("--gpu is required: the catalog GPU the load test ran on, e.g. h100-80gb");
        } else {
            gpu = catalog.gpu(c.gpuType().trim().toLowerCase(Locale.ROOT)).orElse(null);
            if (gpu == null) {
                problems.add("--gpu '" + c.gpuType() + "' is not a GPU in the catalog; " + suggest(c.gpuType(),
                        catalog.gpus().stream().map(Gpu::id).toList()));
            }
        }
        if (c.gpusPerReplica() < 1 || c.gpusPerReplica() > MAX_GPUS) {
            problems.add("--gpus " + c.gpusPerReplica() + " is out of range: the GPUs one server ran on, 1 to " + MAX_GPUS);
        }
        VllmBenchResult file;
        try {
            file = VllmBenchResult.read(bytes, fileName);
        } catch (LoadTestFileException e) {
            problems.addAll(e.problems());
            throw new LoadTestFileException(problems);
        }
        List<String> warnings = new ArrayList<>(file.warnings());
        Precision precision = c.precision();
        if (precision == null && model != null) {
            precision = precisionServed(model, file.modelId());
            warnings.add("no --precision given: " + precision + ", " + (model.repositories().stream()
                    .anyMatch(r -> r.equalsIgnoreCase(file.modelId().trim())) ? "the precision of " + file.modelId()
                    : "the precision " + model.id() + " ships in") + "; give --precision if it ran at another");
        }
        if (precision != null && gpu != null && gpu.computeFor(precision) == null) {
            problems.add("--precision " + precision + " needs " + precision.compute().label() + " compute, which "
                    + gpu.id() + " lacks: the load test cannot have run so; check --gpu and --precision");
        }
        if (model != null) {
            if (model.repositories().isEmpty()) {
                warnings.add("the catalog names no repository for " + model.id() + ", so model_id '" + file.modelId()
                        + "' was not checked against it");
            } else if (!servesModel(model, file.modelId())) {
                problems.add(fileName + ": its model_id '" + file.modelId() + "' is not " + model.id() + " (" + String.join(", ",
                        model.repositories()) + "): import it with the --model it served, or load-test " + model.id());
            }
        }
        Timing timing = timing(file);
        if (timing == null) {
            problems.add(fileName + ": it has no latency figures (mean_e2el_ms, or mean_ttft_ms and mean_tpot_ms) and no"
                    + " max_concurrency, so neither how long a request took nor how many were in flight can be told;"
                    + " run it again with --max-concurrency N and --percentile-metrics ttft,tpot,itl,e2el");
        }
        if (!problems.isEmpty()) {
            throw new LoadTestFileException(problems);
        }
        LocalDate measuredOn = file.date() != null ? file.date() : LocalDate.ofInstant(importedAt, ZoneOffset.UTC);
        if (file.date() == null && warnings.stream().noneMatch(w -> w.contains("\"date\""))) {
            warnings.add("it has no \"date\", so the import day (" + measuredOn + ") stands for when it was measured");
        }
        LoadTestRun run = new LoadTestRun(sha256(bytes), measuredOn, file.date() != null, importedAt, model.id(), gpu.id(),
                c.gpusPerReplica(), precision, timing.concurrency, timing.concurrencyFrom, file.meanInputTokens(),
                file.meanOutputTokens(), file.requestThroughput(), file.outputThroughput(), timing.seconds, timing.secondsFrom,
                file.completed(), file.failed(), file.durationSeconds(), file.meanTtftMs(), file.p99TtftMs(), file.meanTpotMs(),
                file.p99TpotMs(), file.meanE2elMs(), file.p99E2elMs(), file.modelId(), file.backend(), fileName);
        return new Imported(run, warnings);
    }

    private record Timing(int concurrency, String concurrencyFrom, double seconds, String secondsFrom) {
    }

    private static Timing timing(VllmBenchResult f) {
        double seconds;
        String secondsFrom;
        if (f.meanE2elMs() != null) {
            seconds = f.meanE2elMs() / 1000;
            secondsFrom = "mean_e2el_ms";
        } else if (f.meanTtftMs() != null && f.meanTpotMs() != null) {
            seconds = (f.meanTtftMs() + f.meanTpotMs() * Math.max(0, f.meanOutputTokens() - 1)) / 1000;
            secondsFrom = "mean_ttft_ms + mean_tpot_ms x (completion tokens - 1)";
        } else if (f.maxConcurrency() != null) {
            seconds = f.maxConcurrency() / f.requestThroughput();
            secondsFrom = "max_concurrency / request_throughput (Little's law)";
        } else {
            return null;
        }
        if (f.maxConcurrency() != null) {
            int inFlight = f.numPrompts() != null && f.numPrompts() > 0 ? Math.min(f.maxConcurrency(), f.numPrompts())
                    : f.maxConcurrency();
            return new Timing(inFlight, "max_concurrency", seconds, secondsFrom);
        }
        // no limit set: on average this many were in flight (all sent at once, the server batched what it could)
        int inFlight = (int) Math.max(1, Math.round(f.requestThroughput() * seconds));
        return new Timing(inFlight, "request_throughput x seconds per request (Little's law): the client set no max_concurrency",
                seconds, secondsFrom);
    }

    /**
     * True when {@code modelId} names this model: one of its catalog repositories exactly (case aside), or
     * a name (the part after the last {@code /}) that contains one of their names as a whole word, as a
     * community quantisation ({@code RedHatAI/Meta-Llama-3.1-70B-Instruct-FP8}) or a local copy
     * ({@code /models/Llama-3.3-70B-Instruct}) does.
     */
    public static boolean servesModel(OpenModel model, String modelId) {
        String id = modelId.trim();
        String last = id.substring(Math.max(id.lastIndexOf('/'), id.lastIndexOf('\\')) + 1).toLowerCase(Locale.ROOT);
        for (String repo : model.repositories()) {
            if (repo.equalsIgnoreCase(id)) {
                return true;
            }
            String name = repo.substring(repo.indexOf('/') + 1).toLowerCase(Locale.ROOT);
            for (int i = last.indexOf(name); i >= 0; i = last.indexOf(name, i + 1)) {
                int end = i + name.length();
                if ((i == 0 || !Character.isLetterOrDigit(last.charAt(i - 1)))
                        && (end == last.length() || !Character.isLetterOrDigit(last.charAt(end)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The precision a model was served at when {@code --precision} is not given: the precision whose
     * checkpoint the file's model_id names, else the model's 16-bit weights when it ships them, else the
     * first format it ships in (gpt-oss: MXFP4, DeepSeek-V3: FP8).
     */
    static Precision precisionServed(OpenModel model, String modelId) {
        for (var p : model.precisions()) {
            if (p.repo() != null && p.repo().equalsIgnoreCase(modelId.trim())) {
                return p.precision();
            }
        }
        return model.precisions().stream().map(p -> p.precision()).filter(Precision::sixteenBit).findFirst()
                .orElse(model.precisions().get(0).precision());
    }

    /** The file's SHA-256 in hex: its evidence ID. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String suggest(String given, List<String> ids) {
        return Suggestions.nearest(given.trim().toLowerCase(Locale.ROOT), ids, 3).map(s -> "did you mean " + s + "?")
                .orElse("choose one of " + String.join(", ", ids));
    }
}
