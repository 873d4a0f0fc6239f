package dev.hostwise.bot.cli;

import dev.hostwise.knowledge.catalog.AsOf;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.CatalogDirectory;
import dev.hostwise.knowledge.catalog.CatalogException;
import dev.hostwise.knowledge.catalog.HostedModel;
import dev.hostwise.knowledge.catalog.HostedModelsFile;
import dev.hostwise.knowledge.catalog.LiteLlmPriceFile;
import dev.hostwise.knowledge.catalog.PriceFileException;
import dev.hostwise.knowledge.catalog.PriceImport;
import dev.hostwise.knowledge.catalog.PriceImportPlan;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostwise catalog import-prices FILE}: reads LiteLLM's price file, prints what it would change
 * in the hosted-model catalog (new, changed and removed rows with old and new prices), and with
 * {@code --write} updates a catalog directory, only if the result loads. The mapping rules are
 * {@link PriceImport}'s; the in-place edit is {@link HostedModelsFile}'s.
 */
@Command(name = "import-prices", description = {"Import hosted-model prices from LiteLLM's model_prices_and_context_window.json.",
    "Prints new, changed and removed rows with old -> new prices; --write updates the catalog directory."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compared (and written, with --write)",
            "2:a malformed price file (file:line), no catalog directory to write, or a result that would not load; nothing changed"})
final class CatalogImportPricesCommand implements Callable<Integer> {

    private static final String PREFIX = "hostwise catalog import-prices: ";

    @CommandLine.ParentCommand
    CatalogCommand catalog;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "LiteLLM's model_prices_and_context_window.json (or a file in its format)")
    Path file;

    @Option(names = "--provider", split = ",", paramLabel = "NAME",
            description = "LiteLLM providers to read, comma-separated (default: ${DEFAULT-VALUE})",
            defaultValue = "openai,anthropic,gemini,mistral")
    List<String> providers;

    @Option(names = "--write", description = "update the catalog directory (default: only print the comparison)")
    boolean write;

    @Option(names = "--catalog", paramLabel = "DIR",
            description = "catalog directory to compare with and update (default: HOSTWISE_CATALOG_DIR, else the bundled catalog, read-only)")
    Path catalogDir;

    @Option(names = "--as-of", paramLabel = "DATE", description = "the day the prices were seen, stamped as asOf (default: today, UTC)")
    String asOf;

    @Option(names = "--commit", paramLabel = "SHA",
            description = "the LiteLLM commit the file comes from, named in each row's source (default: the file's name and SHA-256)")
    String commit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> dir = Optional.ofNullable(catalogDir).or(catalog.parent.env()::catalogDir);
        List<String> problems = new ArrayList<>();
        if (write && dir.isEmpty()) {
            problems.add("--write needs a catalog directory to update, and none is set: give --catalog DIR or set"
                    + " HOSTWISE_CATALOG_DIR. To make one, copy the bundled catalog out with ./hostwise catalog export DIR,"
                    + " then run Hostwise with HOSTWISE_CATALOG_DIR=DIR");
        }
        dir.filter(d -> !Files.isDirectory(d)).ifPresent(d -> problems.add(d + " is not a directory; make a catalog"
                + " directory with ./hostwise catalog export " + d));
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        if (asOf != null) {
            try {
                day = LocalDate.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                problems.add("--as-of '" + asOf + "' is not a day: write the day the prices were seen, e.g. 2026-11-30");
            }
        }
        if (commit != null && !commit.strip().matches("[0-9a-fA-F]{7,40}")) {
            problems.add("--commit '" + commit + "' is not a git commit: give its hash, 7 to 40 hex digits");
        }
        if (providers.stream().allMatch(String::isBlank)) {
            problems.add("--provider names no provider: give LiteLLM provider names, e.g. openai,anthropic");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println(PREFIX + p));
            err.flush();
            return HostwiseCli.BAD_INPUT;
        }

        LiteLlmPriceFile prices;
        try {
            prices = LiteLlmPriceFile.read(file);
        } catch (PriceFileException e) {
            err.println(PREFIX + e.getMessage());
            err.println(PREFIX + "nothing was changed");
            err.flush();
            return HostwiseCli.BAD_INPUT;
        }
        String source = commit != null
                ? "LiteLLM model_prices_and_context_window.json @" + commit.strip().toLowerCase(Locale.ROOT)
                : "LiteLLM " + file.getFileName() + " sha256:" + prices.sha256();
        try {
            return compareAndWrite(out, prices, dir, new PriceImport.Stamp(AsOf.of(day), source));
        } catch (CatalogException e) {
            err.println(PREFIX + "catalog: " + e.getMessage());
            err.println(PREFIX + "nothing was changed");
            err.flush();
            return HostwiseCli.BAD_INPUT;
        }
    }

    private int compareAndWrite(PrintWriter out, LiteLlmPriceFile prices, Optional<Path> dir, PriceImport.Stamp stamp) {
        LocalDate day = stamp.asOf().latest();
        String source = stamp.source();
        Catalog current = dir.map(Catalog::fromDirectory).orElseGet(Catalog::bundled);
        List<String> chosen = providers.stream().filter(p -> !p.isBlank()).toList();
        PriceImportPlan plan = new PriceImport(prices, chosen, stamp).against(List.copyOf(current.hostedModels()));

        print(out, plan, dir);
        if (!write) {
            out.println(dir.isPresent()
                    ? "Nothing written: add --write to update " + dir.get().resolve(Catalog.HOSTED_MODELS) + "."
                    : "Compared with the bundled catalog; nothing written. To keep your own prices current, copy the catalog out"
                    + " with ./hostwise catalog export DIR, then run this again with --catalog DIR --write.");
            out.flush();
            return HostwiseCli.OK;
        }
        CatalogDirectory target = new CatalogDirectory(dir.orElseThrow());
        String before = target.read(Catalog.HOSTED_MODELS);
        String after = HostedModelsFile.apply(before, plan);
        if (after.equals(before)) {
            out.println("Nothing to write: " + target.path().resolve(Catalog.HOSTED_MODELS) + " already holds these prices.");
            out.flush();
            return HostwiseCli.OK;
        }
        // refuses (CatalogException, file:line) and leaves the file as it was when the result would not load
        target.replace(Catalog.HOSTED_MODELS, after);
        out.printf(Locale.ROOT, "Wrote %s: %d new, %d changed, %d removed, %d seen again (asOf %s, source %s).%n",
                target.path().resolve(Catalog.HOSTED_MODELS), plan.added().size(), plan.changed().size(), plan.removed().size(),
                plan.unchanged().size(), day, source);
        out.println("A server running with HOSTWISE_CATALOG_DIR=" + target.path() + " checks it against every policy case"
                + " before using it; /status shows the outcome.");
        out.flush();
        return HostwiseCli.OK;
    }

    private static void print(PrintWriter out, PriceImportPlan plan, Optional<Path> dir) {
        out.printf(Locale.ROOT, "Prices: %s (sha256 %s, %,d entries), providers %s%n", plan.file(), plan.sha256(), plan.entries(),
                String.join(", ", plan.providers()));
        out.println("Catalog: " + dir.map(d -> d.resolve(Catalog.HOSTED_MODELS).toString()).orElse("the bundled catalog"));
        out.println();
        section(out, "New", plan.added().size());
        plan.added().forEach(m -> out.printf(Locale.ROOT, "  + %-24s %-10s %s  (%s)%n", m.id(), m.provider(), prices(m), m.litellmKey()));
        section(out, "Changed", plan.changed().size());
        plan.changed().forEach(u -> out.printf(Locale.ROOT, "  ~ %-24s %-10s %s%n", u.before().id(), u.before().provider(),
                changes(u.before(), u.after())));
        section(out, "Removed (their key is no longer in the file)", plan.removed().size());
        plan.removed().forEach(m -> out.printf(Locale.ROOT, "  - %-24s %-10s was %s  (%s)%n", m.id(), m.provider(), prices(m),
                m.litellmKey()));
        if (!plan.unchanged().isEmpty()) {
            out.printf(Locale.ROOT, "Unchanged: %d rows, seen again at the same prices (asOf becomes %s)%n", plan.unchanged().size(),
                    plan.stamp().asOf());
        }
        if (!plan.shadowed().isEmpty()) {
            section(out, "Hand-written rows kept as they are, although the file prices their ID", plan.shadowed().size());
            plan.shadowed().forEach(s -> out.printf(Locale.ROOT, "  = %-24s ours %s; the file has %s (%s)%n", s.handWritten().id(),
                    prices(s.handWritten()), prices(s.fromFile()), s.fromFile().litellmKey()));
        }
        int skipped = plan.skipped().values().stream().mapToInt(Integer::intValue).sum();
        if (skipped > 0) {
            out.printf(Locale.ROOT, "Skipped %,d entries: %s%n", skipped, plan.skipped().entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
        }
        plan.notes().forEach(n -> out.println("Note: " + n));
        out.println();
    }

    private static void section(PrintWriter out, String title, int count) {
        out.printf(Locale.ROOT, "%s: %d%n", title, count);
    }

    private static String prices(HostedModel m) {
        StringBuilder s = new StringBuilder(usd(m.inputPer1M()) + " in, " + usd(m.outputPer1M()) + " out");
        if (m.cachedInputPer1M() != null) {
            s.append(", cached ").append(usd(m.cachedInputPer1M()));
        }
        if (m.hasBatchPrice()) {
            s.append(", batch ").append(usd(m.batchInputPer1M())).append(" / ").append(usd(m.batchOutputPer1M()));
        }
        return s.append(" per 1M").toString();
    }

    private static String changes(HostedModel a, HostedModel b) {
        List<String> c = new ArrayList<>();
        change(c, "input", a.inputPer1M(), b.inputPer1M());
        change(c, "output", a.outputPer1M(), b.outputPer1M());
        change(c, "cached input", a.cachedInputPer1M(), b.cachedInputPer1M());
        change(c, "batch input", a.batchInputPer1M(), b.batchInputPer1M());
        change(c, "batch output", a.batchOutputPer1M(), b.batchOutputPer1M());
        return String.join(", ", c) + " per 1M";
    }

    private static void change(List<String> c, String what, Double before, Double after) {
        if (!Objects.equals(before, after)) {
            c.add(what + " " + (before == null ? "none" : usd(before)) + " -> " + (after == null ? "none" : usd(after)));
        }
    }

    /** Cents, and more digits only where the price has them: $0.40, $0.075. */
    private static String usd(double v) {
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        return "$" + (d.scale() < 2 ? d.setScale(2) : d).toPlainString();
    }
}
