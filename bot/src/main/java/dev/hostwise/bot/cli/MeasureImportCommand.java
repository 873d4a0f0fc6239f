package dev.hostwise.bot.cli;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.store.EvidenceConflictException;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.evidence.ComparableRun;
import dev.hostwise.knowledge.evidence.LoadTestFileException;
import dev.hostwise.knowledge.evidence.LoadTestImport;
import dev.hostwise.knowledge.evidence.LoadTestRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostwise measure import FILE --model ID --gpu ID --gpus N [--precision P]}: reads the JSON that
 * {@code vllm bench serve --save-result} (or the older {@code benchmark_serving.py --save-result}) wrote,
 * checks it, prints what it measured, and stores it as evidence: later decisions for that model, GPU type,
 * GPU count and precision at comparable token lengths price the measured throughput instead of an estimate.
 */
@Command(name = "import", sortOptions = false,
        description = {"Check a load test's result (the JSON `vllm bench serve --save-result` writes) and store it as evidence.",
            "Later decisions for the same model, GPU type, GPU count and precision, at comparable prompt and completion"
                + " lengths (each within " + ComparableRun.TOKEN_TOLERANCE_PERCENT + "%%), use its throughput as measured.",
            "Importing the same file again changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported (or already imported)", "2:the file or the options are not right, or the store cannot be"
            + " reached; nothing is stored"})
final class MeasureImportCommand implements Callable<Integer> {

    /** A saved result without per-request detail is a few KB; with --save-detailed, a few MB. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    @CommandLine.ParentCommand
    MeasureCommand measure;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the saved result (JSON); - reads it from stdin")
    String file;

    @Option(names = "--model", required = true, paramLabel = "ID", description = "the catalog open model it served, e.g. llama-3.3-70b")
    String model;

    @Option(names = "--gpu", required = true, paramLabel = "ID", description = "the catalog GPU it ran on, e.g. h100-80gb")
    String gpu;

    @Option(names = "--gpus", required = true, paramLabel = "N", description = "GPUs the server spanned (its tensor-parallel size), 1 to "
            + LoadTestImport.MAX_GPUS)
    int gpus;

    @Option(names = "--precision", paramLabel = "P", description = "the precision it ran at: FP16, BF16, FP8, INT8, INT4, FP4"
            + " or MXFP4 (default: the precision of the checkpoint its model_id names, else the model's 16-bit weights)")
    String precision;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String prefix = "hostwise measure import: ";
        Precision p = null;
        if (precision != null) {
            try {
                p = Precision.valueOf(precision.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                err.println(prefix + "--precision '" + precision + "' is not one of FP16, BF16, FP8, INT8, INT4, FP4, MXFP4");
                err.flush();
                return HostwiseCli.BAD_INPUT;
            }
        }
        byte[] bytes;
        String name;
        try {
            if ("-".equals(file)) {
                InputStream in = System.in;
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
                name = "stdin";
            } else {
                Path path = Path.of(file);
                if (Files.isDirectory(path)) {
                    err.println(prefix + file + " is a directory: give the result file vllm bench serve saved");
                    err.flush();
                    return HostwiseCli.BAD_INPUT;
                }
                if (Files.size(path) > MAX_FILE_BYTES) {
                    err.println(prefix + file + " is " + Files.size(path) + " bytes, over the " + MAX_FILE_BYTES
                            + " a result file can be: save it without --save-detailed");
                    err.flush();
                    return HostwiseCli.BAD_INPUT;
                }
                bytes = Files.readAllBytes(path);
                name = path.getFileName().toString();
            }
        } catch (NoSuchFileException e) {
            err.println(prefix + "file '" + file + "' does not exist");
            err.flush();
            return HostwiseCli.BAD_INPUT;
        } catch (IOException e) {
            err.println(prefix + "cannot read '" + file + "': " + e.getMessage());
            err.flush();
            return HostwiseCli.BAD_INPUT;
        }
        if (bytes.length > MAX_FILE_BYTES) {
            err.println(prefix + "the result on stdin is over " + MAX_FILE_BYTES + " bytes: save it without --save-detailed");
            err.flush();
            return HostwiseCli.BAD_INPUT;
        }
        try (Hostwise hostwise = Hostwise.start(measure.parent.env(), Optional.empty(), Clock.systemUTC())) {
            Hostwise.ImportedLoadTest imported;
            try {
                imported = hostwise.importLoadTest(bytes, name, new LoadTestImport.Configuration(model, gpu, gpus, p), Requester.cli());
            } catch (LoadTestFileException e) {
                e.problems().forEach(problem -> err.println(prefix + problem));
                err.println(prefix + "nothing was stored");
                err.flush();
                return HostwiseCli.BAD_INPUT;
            } catch (EvidenceConflictException e) {
                err.println(prefix + e.getMessage() + "; nothing was stored");
                err.flush();
                return HostwiseCli.BAD_INPUT;
            } catch (StoreUnavailableException e) {
                err.println(prefix + "the load test reads well but was not stored: " + e.getMessage());
                err.flush();
                return HostwiseCli.BAD_INPUT;
            }
            imported.warnings().forEach(w -> err.println(prefix + "note: " + w));
            print(out, imported);
            out.flush();
            err.flush();
            return HostwiseCli.OK;
        }
    }

    /** What the load test measured, and which later decisions will use it. */
    static void print(PrintWriter out, Hostwise.ImportedLoadTest imported) {
        LoadTestRun r = imported.run();
        out.println((imported.isNew() ? "Imported " : "Already imported (nothing changed): ") + "load test " + r.shortId()
                + (imported.isNew() ? "" : ", on " + r.importedAt().toString().substring(0, 10)));
        line(out, "evidence ID", r.evidenceId());
        line(out, "file", r.file() + " (" + (r.backend() == null ? "" : r.backend() + ", ") + "model_id " + r.modelId() + ")");
        line(out, "configuration", r.model() + " on " + r.configuration());
        line(out, "measured on", r.measuredOn() + (r.dateFromFile() ? " (the file's date)" : " (the import day: the file has no date)"));
        line(out, "in flight", r.concurrency() + " requests (" + r.concurrencyFrom() + ")");
        line(out, "tokens", String.format(Locale.ROOT, "%,.0f prompt and %,.0f completion tokens per request on average",
                r.inputTokens(), r.outputTokens()));
        line(out, "throughput", String.format(Locale.ROOT, "%.3g requests/s per replica, %,.0f output tokens/s",
                r.requestsPerSecond(), r.outputTokensPerSecond()));
        StringBuilder latency = new StringBuilder(String.format(Locale.ROOT, "%.3g s per request (%s)", r.secondsPerRequest(),
                r.secondsFrom()));
        if (r.meanTtftMs() != null) {
            latency.append(String.format(Locale.ROOT, "; time to first token %.3g s mean", r.meanTtftMs() / 1000));
            if (r.p99TtftMs() != null) {
                latency.append(String.format(Locale.ROOT, ", %.3g s p99", r.p99TtftMs() / 1000));
            }
        }
        if (r.meanTpotMs() != null) {
            latency.append(String.format(Locale.ROOT, "; %.3g ms per output token mean", r.meanTpotMs()));
            if (r.p99TpotMs() != null) {
                latency.append(String.format(Locale.ROOT, ", %.3g ms p99", r.p99TpotMs()));
            }
        }
        line(out, "latency", latency.toString());
        line(out, "completed", String.format(Locale.ROOT, "%,d of %,d requests (%,d failed) in %.0f s", r.completed(),
                r.completed() + r.failed(), r.failed(), r.durationSeconds()));
        int[] in = ComparableRun.askedRange(r.inputTokens());
        int[] outTokens = ComparableRun.askedRange(r.outputTokens());
        out.printf(Locale.ROOT, "Decisions for %s on %s with prompts of %,d to %,d tokens and completions of %,d to %,d tokens"
                        + " now use %.3g requests/s per replica as measured.%n", r.model(), r.configuration(), in[0], in[1],
                outTokens[0], outTokens[1], r.requestsPerSecond());
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "  %-14s %s%n", label, value);
    }
}
