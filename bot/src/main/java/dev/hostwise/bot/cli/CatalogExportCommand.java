package dev.hostwise.bot.cli;

import dev.hostwise.knowledge.catalog.CatalogDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hostwise catalog export DIR}: copies every bundled catalog file into DIR, for an admin to edit
 * and to point {@code HOSTWISE_CATALOG_DIR} at. Never overwrites: a file already there is an error.
 */
@Command(name = "export", description = {"Copy the bundled catalog (every catalog file) into DIR, to edit it.",
    "Then run Hostwise with HOSTWISE_CATALOG_DIR=DIR; a running server checks each edit against every policy case."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:copied", "2:DIR already holds a catalog file, or cannot be written"})
final class CatalogExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "directory to copy the catalog into (created if missing; must not hold catalog files yet)")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> written;
        try {
            written = new CatalogDirectory(dir).exportBundled();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("hostwise catalog export: " + e.getMessage());
            err.flush();
            return HostwiseCli.BAD_INPUT;
        }
        out.println("Copied the bundled catalog into " + dir + ":");
        written.forEach(p -> out.println("  " + p.getFileName()));
        out.println("Edit them, then run Hostwise with HOSTWISE_CATALOG_DIR=" + dir + " (a running server reloads each saved edit");
        out.println("only if every policy case still passes). Keep prices current with:");
        out.println("  ./hostwise catalog import-prices model_prices_and_context_window.json --catalog " + dir + " --write");
        out.flush();
        return HostwiseCli.OK;
    }
}
