package dev.hostwise.bot.conversation;

import dev.hostwise.knowledge.FieldError;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.FieldMetadata.QuickKey;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.Suggestions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line form: {@code 50000/day task=classification quality=good_enough privacy=in_house
 * tokens=800 gpu=1.2 rps=4 measured}. Turns the words into scenario fields keyed by JSON name, or
 * into problems that each name the word at fault. Value checking is left to the scenario reader.
 * The keys come from {@link FieldMetadata}; a surface passes the text as the user typed it, with its
 * platform's escaping undone.
 *
 * @param values   the text for each field, as typed
 * @param problems one line per word that could not be read
 */
public record QuickForm(Map<ScenarioField, String> values, List<String> problems) {

    private static final Pattern PER_DAY = Pattern.compile("(?i)(.+)/(?:day|d)");
    /** What {@code \s} matches. */
    private static final String SPACE = " \t\n\u000B\f\r";
    private static final Map<String, FieldMetadata> BY_KEY = keys();
    private static final Optional<FieldMetadata> PER_DAY_FIELD = byForm(QuickKey.Form.PER_DAY);
    /** The one flag key ({@code measured}). */
    private static final Optional<FieldMetadata> FLAG = byForm(QuickKey.Form.FLAG);
    private static final String USAGE = "`" + Ask.COMMAND + " 50000/day task=classification quality=good_enough privacy=in_house "
            + "[tokens=800] [gpu=1.2] [rps=4] [measured]`";

    public static QuickForm parse(String text) {
        Map<ScenarioField, String> values = new EnumMap<>(ScenarioField.class);
        List<String> problems = new ArrayList<>();
        for (String word : words(text)) {
            int eq = word.indexOf('=');
            Optional<FieldMetadata> flag = eq < 0 && FLAG.isPresent() && FLAG.get().quickKey().get().key().equalsIgnoreCase(word)
                    && ascii(word) ? FLAG : Optional.empty();
            Matcher perDay = eq < 0 && PER_DAY_FIELD.isPresent() && mayBePerDay(word) ? PER_DAY.matcher(word) : null;
            if (perDay != null && perDay.matches()) {
                put(values, problems, PER_DAY_FIELD.get(), perDay.group(1));
            } else if (flag.isPresent()) {
                put(values, problems, flag.get(), "true");
            } else if (eq <= 0) {
                problems.add("`" + echo(word) + "` is not something I understand: give the volume as `50000/day`, other inputs "
                        + "as `key=value`, or `measured`.");
            } else {
                String key = word.substring(0, eq);
                String value = word.substring(eq + 1);
                Optional<FieldMetadata> k = byKey(key);
                if (k.isEmpty()) {
                    problems.add("`" + echo(key) + "` is not a key I know" + nearest(key).map(s -> "; did you mean `" + s + "`?")
                            .orElse("; the keys are " + keyList() + "."));
                } else if (value.isBlank()) {
                    problems.add("`" + key + "` has no value: " + k.get().field().allowed() + ".");
                } else {
                    put(values, problems, k.get(), value, "`" + key + "`");
                }
            }
        }
        return new QuickForm(values, problems);
    }

    /**
     * The words between runs of whitespace, as {@code text.trim().split("\\s+")} gives them for a text that
     * is not blank, without a regular expression per command.
     */
    static List<String> words(String typed) {
        // trim() also drops the other control characters at the ends, which \s does not match
        String text = typed.trim();
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || SPACE.indexOf(text.charAt(i)) >= 0;
            if (space && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
    }

    /** Only a word ending in {@code /d} or {@code /day} (any case) can be a volume; the pattern decides. */
    private static boolean mayBePerDay(String word) {
        char last = word.isEmpty() ? ' ' : Character.toLowerCase(word.charAt(word.length() - 1));
        return (last == 'd' || last == 'y') && word.indexOf('/') >= 0;
    }

    private static void put(Map<ScenarioField, String> values, List<String> problems, FieldMetadata m, String value) {
        put(values, problems, m, value, m.quickKey().get().inMessages());
    }

    private static void put(Map<ScenarioField, String> values, List<String> problems, FieldMetadata m, String value, String typed) {
        if (values.putIfAbsent(m.field(), value) != null) {
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
                .flatMap(f -> FieldMetadata.of(f).quickKey())
                .map(QuickKey::inMessages)
                .orElse("`" + e.field() + "`");
        String message = ScenarioField.renameInText(e.message(),
                f -> FieldMetadata.of(f).quickKey().map(k -> "`" + k.key() + "`").orElse(null));
        return name + (message.startsWith("is ") ? " " : ": ") + message;
    }

    /** The most problems one reply lists; the rest are counted. */
    static final int MAX_PROBLEMS = 10;
    /** How much of a word the reply repeats. */
    static final int ECHO_MAX = 60;

    /**
     * The reply for a form that could not be read (shown only to the user who typed it): at most
     * {@value #MAX_PROBLEMS} problems and a count of the rest. The user's words in it are cut short; the
     * surface escapes them for its platform.
     */
    public static String usage(List<String> problems) {
        StringBuilder out = new StringBuilder("I couldn't read that:\n");
        for (String p : problems.subList(0, Math.min(MAX_PROBLEMS, problems.size()))) {
            out.append("• ").append(p).append('\n');
        }
        if (problems.size() > MAX_PROBLEMS) {
            out.append("• and ").append(problems.size() - MAX_PROBLEMS).append(" more\n");
        }
        out.append("Usage: ").append(USAGE).append("\n`").append(Ask.COMMAND).append(" help` lists every key; `")
                .append(Ask.COMMAND).append("` alone opens a form.");
        return out.toString();
    }

    /** Every key as help shows it, in help's order: {@code `50000/day`, `task=…`, …}. */
    public static String keyList() {
        return String.join(", ", FieldMetadata.withQuickKeys().stream().map(m -> "`" + m.quickKey().get().example() + "`").toList());
    }

    /** A key=value key: its short name, its alias, or the scenario field's JSON name (any case). */
    static Optional<FieldMetadata> byKey(String typed) {
        if (!ascii(typed)) {
            // keys are ASCII: ignoring case would let "prıce" (dotless ı) or "meaſured" (long s) stand for one
            return Optional.empty();
        }
        return Optional.ofNullable(BY_KEY.get(typed.toLowerCase(Locale.ROOT)));
    }

    /**
     * Every name a key=value key may be typed by, lower-cased. Precedence as help lists the keys: the
     * first field (in help's order) with the name as its key, alias or JSON name wins; then any field
     * with a quick key by its JSON name (the volume's {@code requestsPerDay=50000}).
     */
    private static Map<String, FieldMetadata> keys() {
        Map<String, FieldMetadata> keys = new HashMap<>();
        for (FieldMetadata m : FieldMetadata.withQuickKeys()) {
            QuickKey k = m.quickKey().get();
            if (k.form() != QuickKey.Form.PER_DAY) {
                keys.putIfAbsent(k.key(), m);
                k.alias().ifPresent(alias -> keys.putIfAbsent(alias, m));
                keys.putIfAbsent(m.field().json().toLowerCase(Locale.ROOT), m);
            }
        }
        for (ScenarioField f : ScenarioField.values()) {
            if (FieldMetadata.of(f).quickKey().isPresent()) {
                keys.putIfAbsent(f.json().toLowerCase(Locale.ROOT), FieldMetadata.of(f));
            }
        }
        return Map.copyOf(keys);
    }

    private static Optional<FieldMetadata> byForm(QuickKey.Form form) {
        return FieldMetadata.withQuickKeys().stream().filter(m -> m.quickKey().get().form() == form).findFirst();
    }

    private static Optional<String> nearest(String typed) {
        return Suggestions.nearest(typed, FieldMetadata.withQuickKeys().stream()
                .filter(m -> m.quickKey().get().form() != QuickKey.Form.PER_DAY)
                .map(m -> m.quickKey().get().key()).toList(), 2);
    }

    private static String echo(String word) {
        return dev.hostwise.bot.render.TextCut.echo(word, ECHO_MAX);
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
