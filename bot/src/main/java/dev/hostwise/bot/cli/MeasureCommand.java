package dev.hostwise.bot.cli;

import picocli.CommandLine.Command;

/** {@code hostwise measure ...}: hand load-test results back to Hostwise as evidence. */
@Command(name = "measure", description = "Hand a load test's result back as evidence for later decisions.",
        subcommands = {MeasureImportCommand.class})
final class MeasureCommand implements Runnable {

    @picocli.CommandLine.ParentCommand
    HostwiseCli parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
