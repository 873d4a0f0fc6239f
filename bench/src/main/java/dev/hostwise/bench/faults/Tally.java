package dev.hostwise.bench.faults;

import dev.hostwise.bench.load.WebApiStandIn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What became of a fault's commands: how Slack's request was answered, what the store kept (counted in the
 * database), and what reached Slack (counted at the stand-in). Lost means acknowledged but never answered;
 * a duplicate is a second verdict stored or a second message posted for one command.
 */
record Tally(String fault, int sent, int accepted, int answeredAtOnce, int failed, int storedCommands, int storedRows,
             int postedCommands, int messages, int unsavedAnswers, int lost, int storedNotPosted, int answeredAfterFailedAck,
             double slowestSeconds, String note, String failure) {

    /** Nothing lost, nothing doubled, and whatever else the fault checks (e.g. recovery without a restart) held. */
    boolean targetMet() {
        return lost == 0 && duplicatesStored() == 0 && duplicatesPosted() == 0 && failure == null;
    }

    int duplicatesStored() {
        return storedRows - storedCommands;
    }

    int duplicatesPosted() {
        return messages - postedCommands;
    }

    /**
     * @param stored verdict IDs stored, by channel (each command has a channel of its own)
     */
    static Tally of(String fault, List<Command> commands, Map<String, List<String>> stored, List<WebApiStandIn.Message> all,
                    String note, String failure) {
        Map<String, Command> byId = new HashMap<>();
        commands.forEach(c -> byId.put(c.channel.substring(1), c));
        Map<Command, List<WebApiStandIn.Message>> posted = new HashMap<>();
        for (WebApiStandIn.Message m : all) {
            if (m.channel().length() > 1) {
                Command c = byId.get(m.channel().substring(1));
                if (c != null) {
                    posted.computeIfAbsent(c, k -> new ArrayList<>()).add(m);
                }
            }
        }
        int accepted = 0;
        int atOnce = 0;
        int failed = 0;
        int storedCommands = 0;
        int storedRows = 0;
        int postedCommands = 0;
        int messages = 0;
        int unsaved = 0;
        int lost = 0;
        int storedNotPosted = 0;
        int ghost = 0;
        double slowest = 0;
        for (Command c : commands) {
            List<String> rows = stored.getOrDefault(c.channel, List.of());
            List<WebApiStandIn.Message> msgs = posted.getOrDefault(c, List.of());
            storedRows += rows.size();
            storedCommands += rows.isEmpty() ? 0 : 1;
            messages += msgs.size();
            postedCommands += msgs.isEmpty() ? 0 : 1;
            unsaved += (int) msgs.stream().filter(m -> m.text().contains("UNSAVED")).count();
            switch (c.ack()) {
                case ACCEPTED -> {
                    accepted++;
                    if (msgs.isEmpty()) {
                        lost++;
                        storedNotPosted += rows.isEmpty() ? 0 : 1;
                    } else {
                        slowest = Math.max(slowest, (msgs.get(0).atNanos() - c.ackNanos) / 1e9);
                    }
                }
                case ANSWERED_AT_ONCE -> atOnce++;
                case FAILED -> {
                    failed++;
                    ghost += msgs.isEmpty() && rows.isEmpty() ? 0 : 1;
                }
            }
        }
        return new Tally(fault, commands.size(), accepted, atOnce, failed, storedCommands, storedRows, postedCommands, messages,
                unsaved, lost, storedNotPosted, ghost, slowest, note, failure);
    }

    static String header() {
        return "| fault | commands | acknowledged | answered at once | Slack saw an error | verdicts stored | messages posted "
                + "| of which \"not saved\" | duplicates stored / posted | lost | slowest answer | target |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|";
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d / %d | %d%s | %.1f s | %s |",
                fault, sent, accepted, answeredAtOnce, failed, storedRows, messages, unsavedAnswers, duplicatesStored(),
                duplicatesPosted(), lost, storedNotPosted > 0 ? " (" + storedNotPosted + " stored, never posted)" : "",
                slowestSeconds, targetMet() ? "met" : failure != null ? "**NOT met**: " + failure : "**NOT met**");
    }
}
