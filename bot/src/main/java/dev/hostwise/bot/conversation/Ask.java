package dev.hostwise.bot.conversation;

import dev.hostwise.bot.VerdictIds;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user asked with the slash command, whatever the chat platform: {@code /selfhost} alone opens
 * the form, a known first word runs that subcommand, anything else is the one-line form. Slack and
 * Mattermost speak the same slash-command dialect, so both read their command text with
 * {@link #read(String)} and dispatch on the result.
 */
public sealed interface Ask {

    /** The slash command, as the platforms' app configurations name it. */
    String COMMAND = "/selfhost";

    /** {@code /selfhost}: open the scenario form. */
    record OpenForm() implements Ask {
    }

    /** {@code /selfhost 50000/day task=…}: decide the one-line form at once. */
    record Quick(String text) implements Ask {
    }

    /** {@code /selfhost help}: the policy and every key of the one-line form. */
    record Help() implements Ask {
    }

    /** {@code /selfhost verdict HW-2026-0042}: a cited verdict; empty when the ID is missing or malformed. */
    record Lookup(Optional<String> verdictId) implements Ask {
    }

    /** {@code /selfhost rules}: the active rules revision and every rule. */
    record RulesStatus() implements Ask {
    }

    /** {@code /selfhost reload}: check and activate the rules (admins only). */
    record Reload() implements Ask {
    }

    /**
     * {@code /selfhost mute HW-2026-0042}: the person who asked for a verdict hears no more about its
     * re-checks; empty when the ID is missing or malformed.
     */
    record Mute(Optional<String> verdictId) implements Ask {
    }

    /** {@code /selfhost pool}: teams whose pooled demand would clear the break-even together (admins only). */
    record Pool() implements Ask {
    }

    /** Reads the text after the command, as the user typed it (the platform's escaping undone). */
    static Ask read(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return new OpenForm();
        }
        List<String> words = QuickForm.words(t);
        return switch (words.get(0).toLowerCase(Locale.ROOT)) {
            case "help" -> new Help();
            case "rules" -> new RulesStatus();
            case "reload" -> new Reload();
            case "pool" -> new Pool();
            case "mute" -> {
                String id = words.size() < 2 ? null : words.get(1).toUpperCase(Locale.ROOT);
                yield new Mute(VerdictIds.isCitable(id) ? Optional.of(id) : Optional.empty());
            }
            case "verdict" -> {
                String id = words.size() < 2 ? null : words.get(1).toUpperCase(Locale.ROOT);
                yield new Lookup(VerdictIds.isCitable(id) ? Optional.of(id) : Optional.empty());
            }
            default -> new Quick(t);
        };
    }
}
