package dev.hostwise.bot.slack.input;

import dev.hostwise.bot.slack.blocks.SlackText;
import dev.hostwise.knowledge.FieldError;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line form: {@code 50000/day task=classification quality=good_enough privacy=in_house
 * tokens=800 gpu=1.2 rps=4 measured}. Turns the words into scenario fields keyed by JSON name, or
 * into problems that each name the word at fault. Value checking is left to the scenario reader.
 *
 * @param values   the text for each field, as typed
 * @param problems one line per word that could not be read
 */
public record QuickForm(Map<ScenarioField, String> values, List<String> problems) {

    private static final Pattern PER_DAY = Pattern.compile("(?i)(.+)/(?:day|d)");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final String USAGE = "`/selfhost 50000/day task=classification quality=good_enough privacy=in_house "
            + "[tokens=800] [gpu=1.2] [rps=4] [measured]`";

    /** The quick form's key that stands for a field in messages. */
    private static final Map<ScenarioField, String> KEY_FOR_FIELD = Arrays.stream(QuickFormKey.values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(QuickFormKey::field, k -> "`" + k.key() + "`"));

    public static QuickForm parse(String text) {
        Map<ScenarioField, String> values = new EnumMap<>(ScenarioField.class);
        List<String> problems = new ArrayList<>();
        for (String word : SPACES.split(SlackText.unescape(text).trim())) {
            if (word.isEmpty()) {
                continue;
            }
            Matcher perDay = PER_DAY.matcher(word);
            int eq = word.indexOf('=');
            if (eq < 0 && perDay.matches()) {
                put(values, problems, QuickFormKey.PER_DAY, "the volume (`NNN/day`)", perDay.group(1));
            } else if (eq < 0 && word.equalsIgnoreCase(QuickFormKey.MEASURED.key())) {
                put(values, problems, QuickFormKey.MEASURED, "`measured`", "true");
            } else if (eq <= 0) {
                problems.add("`" + word + "` is not something I understand: give the volume as `50000/day`, other inputs "
                        + "as `key=value`, or `measured`.");
            } else {
                String key = word.substring(0, eq);
                String value = word.substring(eq + 1);
                Optional<QuickFormKey> k = QuickFormKey.byKey(key);
                if (k.isEmpty()) {
                    problems.add("`" + key + "` is not a key I know" + nearest(key).map(s -> "; did you mean `" + s + "`?")
                            .orElse("; the keys are " + keyList() + "."));
                } else if (value.isBlank()) {
                    problems.add("`" + key + "` has no value: " + k.get().field().allowed() + ".");
                } else {
                    put(values, problems, k.get(), "`" + key + "`", value);
                }
            }
        }
        return new QuickForm(values, problems);
    }

    private static void put(Map<ScenarioField, String> values, List<String> problems, QuickFormKey key, String typed, String value) {
        if (values.putIfAbsent(key.field(), value) != null) {
            problems.add(typed + " is given twice; give it once.");
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Keyed by the scenario's JSON field names, as the scenario reader takes them. */
    public Map<String, String> byJsonName() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((f, v) -> out.put(f.json(), v));
        return out;
    }

    /** A reader's field error in the form's own terms: "`task`: 'poetry' is not allowed: …". */
    public static String problem(FieldError e) {
        String name = ScenarioField.byJson(e.field())
                .map(QuickFormKey::forField)
                .map(k -> k == QuickFormKey.PER_DAY ? "the volume (`NNN/day`)" : "`" + k.key() + "`")
                .orElse("`" + e.field() + "`");
        String message = ScenarioField.renameInText(e.message(), f -> KEY_FOR_FIELD.get(f));
        return name + (message.startsWith("is ") ? " " : ": ") + message;
    }

    /** The ephemeral reply for a form that could not be read. */
    public static String usage(List<String> problems) {
        StringBuilder out = new StringBuilder("I couldn't read that:\n");
        for (String p : problems) {
            out.append("• ").append(p).append('\n');
        }
        out.append("Usage: ").append(USAGE).append("\n`/selfhost help` lists every key; `/selfhost` alone opens a form.");
        return out.toString();
    }

    public static String keyList() {
        return String.join(", ", Arrays.stream(QuickFormKey.values()).map(k -> "`" + k.example() + "`").toList());
    }

    private static Optional<String> nearest(String typed) {
        return Suggestions.nearest(typed, Arrays.stream(QuickFormKey.values()).filter(k -> k != QuickFormKey.PER_DAY)
                .map(QuickFormKey::key).toList(), 2);
    }
}
