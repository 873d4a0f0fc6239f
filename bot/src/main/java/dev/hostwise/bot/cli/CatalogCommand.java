package dev.hostwise.bot.cli;

import picocli.CommandLine.Command;

/** {@code hostwise catalog ...}: copy the bundled catalog out for editing, and keep its prices current. */
@Command(name = "catalog", description = "Copy the catalog out for editing, and import current prices into it.",
        subcommands = {CatalogExportCommand.class, CatalogImportPricesCommand.class})
final class CatalogCommand implements Runnable {

    @picocli.CommandLine.ParentCommand
    HostwiseCli parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
