package dev.hostwise.bot.cli;

import picocli.CommandLine.Command;

/** {@code hostwise rules ...}: work with a rules directory offline, the way {@code opa test} does. */
@Command(name = "rules", description = "Check, test and compare a rules directory offline.",
        subcommands = {RulesCheckCommand.class, RulesTestCommand.class, RulesDiffCommand.class})
final class RulesCommand implements Runnable {

    @picocli.CommandLine.ParentCommand
    HostwiseCli parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
