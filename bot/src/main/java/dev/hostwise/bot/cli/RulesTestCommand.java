package dev.hostwise.bot.cli;

import picocli.CommandLine.Command;

/**
 * {@code hostwise rules test [DIR]}: like {@code check}, but lists every policy case with PASS or FAIL,
 * the way {@code opa test -v} does.
 */
@Command(name = "test", description = {"Compile a rules directory and run its policy cases, listing every case.",
    "Problems are printed as file:line: message."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the rules compile and every case passes", "1:a problem or a failing case", "2:bad input"})
final class RulesTestCommand extends RulesCheckCommand {

    @Override
    boolean verbose() {
        return true;
    }
}
