package dev.hostwise.bot.mattermost.render;

import dev.hostwise.bot.conversation.FormDefinition;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.render.PolicyWords;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.FieldMetadata.Choice;
import dev.hostwise.knowledge.catalog.Catalog;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario form as a Mattermost interactive dialog: the {@link FormDefinition} drawn element by
 * element, each named after its scenario field's JSON name, so a submission and its field errors use the
 * names the scenario reader knows. Nothing here lists fields.
 *
 * <p>Mattermost's limits, from mattermost/mattermost server/public/model/integration_action.go
 * ({@code Dialog.IsValid}, {@code DialogElement.IsValid}; confirmed by
 * mattermost-developer-documentation site/content/integrate/plugins/interactive-dialogs/_index.md): a
 * title of at most {@value #TITLE_MAX}, a {@code display_name} of at most {@value #DISPLAY_NAME_MAX}, a
 * {@code name} of at most {@value #NAME_MAX}, {@code help_text} of at most {@value #HELP_MAX}; a {@code text}
 * element's {@code default} and {@code placeholder} at most {@value #TEXT_MAX}, a {@code textarea}'s at most
 * {@value #TEXTAREA_MAX}, a {@code select}'s at most {@value #SELECT_MAX}, a {@code bool}'s placeholder at
 * most {@value #BOOL_MAX}; names unique; a select's default must be one of its options. Go's {@code len}
 * counts bytes, so these are UTF-8 bytes. The server does not cap the number of elements or of options.
 * Every element is required unless marked {@code optional}, and the client checks that before submitting.
 *
 * <p>Choices are selects (the radio element would show no hints), numbers are {@code text} with subtype
 * {@code number} (the webapp then refuses what is not a number, and submits a number), the hourly weights a
 * {@code textarea} (24 numbers do not fit 150 bytes), the yes/no a {@code bool}. A dialog cannot fill fields
 * in as a pick is made, so a fresh dialog leaves empty the prices a catalog pick fills in, as the web form
 * does: a default there would silently override the picked GPU's or model's price.
 */
public final class ScenarioDialog {

    public static final String CALLBACK_ID = "hostwise_scenario";
    static final String TITLE = "Should we self-host?";

    static final int TITLE_MAX = 24;
    static final int DISPLAY_NAME_MAX = 24;
    static final int NAME_MAX = 300;
    static final int HELP_MAX = 150;
    static final int TEXT_MAX = 150;
    static final int TEXTAREA_MAX = 3000;
    static final int SELECT_MAX = 3000;
    static final int BOOL_MAX = 150;
    /** Options have no limit of their own; beyond this a drop-down line stops being readable. */
    static final int OPTION_MAX = 150;

    private final Catalog catalog;

    public ScenarioDialog(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The body of {@code POST /api/v4/actions/dialogs/open} (api/v4/source/actions.yaml: {@code trigger_id},
     * {@code url}, {@code dialog}).
     *
     * @param fresh true for a new form: the fields a catalog pick fills in start empty
     * @param state what the submission should carry back (sealed by the caller)
     */
    public Map<String, Object> open(String triggerId, String submitUrl, FormValues values, boolean fresh, String state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("trigger_id", triggerId);
        body.put("url", submitUrl);
        body.put("dialog", dialog(values, fresh, state));
        return body;
    }

    Map<String, Object> dialog(FormValues values, boolean fresh, String state) {
        // as the Slack modal asks it: ranges stay in JSON, the API, the CLI and the web form (FormDefinition.forChat)
        FormDefinition form = FormDefinition.of(values.text(), catalog).forChat();
        Map<String, Object> dialog = new LinkedHashMap<>();
        dialog.put("callback_id", CALLBACK_ID);
        dialog.put("title", fit(TITLE, TITLE_MAX));
        List<String> parts = form.sections().stream().map(FormDefinition.Section::title).toList();
        dialog.put("introduction_text", "Describe the workload and I'll say whether self-hosting an open model beats paying the "
                + "hosted API per token, with every figure behind it. The fields run in " + PolicyWords.count(parts.size())
                + " parts: " + PolicyWords.and(parts) + ". The cost assumptions are pre-filled from the catalog of "
                + catalog.date() + "; a price left empty takes the catalog price of the hosted model or GPU you pick.");
        dialog.put("elements", form.fields().stream().map(f -> element(f, fresh && f.filledByPick())).toList());
        dialog.put("submit_label", "Decide");
        dialog.put("notify_on_cancel", Boolean.FALSE);
        dialog.put("state", state);
        return dialog;
    }

    private Map<String, Object> element(FormDefinition.Field f, boolean leaveEmpty) {
        Map<String, Object> e = new LinkedHashMap<>();
        String display = displayName(f.label());
        e.put("display_name", display);
        e.put("name", f.name());
        Optional<String> value = leaveEmpty ? Optional.empty() : f.value();
        switch (f.widget()) {
            case NUMBER -> {
                e.put("type", "text");
                e.put("subtype", "number");
                value.filter(v -> bytes(v) <= TEXT_MAX).ifPresent(v -> e.put("default", v));
                e.put("placeholder", fit(placeholder(f), TEXT_MAX));
            }
            case NUMBERS -> {
                e.put("type", "textarea");
                value.filter(v -> bytes(v) <= TEXTAREA_MAX).ifPresent(v -> e.put("default", v));
                e.put("placeholder", fit(placeholder(f), TEXTAREA_MAX));
            }
            case SELECT, RADIO -> {
                e.put("type", "select");
                List<Map<String, String>> options = f.choices().stream().map(ScenarioDialog::option).toList();
                // the default must be one of the options, exactly
                value.flatMap(v -> f.choices().stream().map(Choice::value).filter(v::equalsIgnoreCase).findFirst())
                        .ifPresent(v -> e.put("default", v));
                e.put("placeholder", fit(f.required() ? "Choose one"
                        : f.field().defaultValue().map(d -> "Default: " + FormValues.show(d)).orElse("None"), SELECT_MAX));
                e.put("options", options);
            }
            case CHECKBOX -> {
                e.put("type", "bool");
                e.put("placeholder", fit(f.choices().stream().findFirst().map(Choice::label).orElse(f.label()), BOOL_MAX));
                e.put("default", String.valueOf(value.map(Boolean::parseBoolean).orElse(false)));
            }
        }
        e.put("help_text", fit(help(f, display), HELP_MAX));
        // a box left unticked is an answer too, so it is never "required"
        e.put("optional", !f.required() || f.widget() == FieldMetadata.Widget.CHECKBOX);
        return e;
    }

    /** What the field means, with its full label first when the display name had to be shortened, and its bounds. */
    private static String help(FormDefinition.Field f, String display) {
        StringBuilder h = new StringBuilder();
        if (!display.equals(f.label())) {
            h.append(f.label()).append(". ");
        }
        h.append(f.hint());
        f.bounds().ifPresent(b -> h.append(' ').append(capitalised(b)).append('.'));
        return h.toString();
    }

    /** What to type; for a price a catalog pick fills in, what leaving it empty does. */
    private static String placeholder(FormDefinition.Field f) {
        if (f.filledByPick()) {
            String picker = FieldMetadata.ALL.stream().filter(m -> m.fills().contains(f.field())).findFirst()
                    .map(m -> inSentence(m.label())).orElse("pick");
            return "Empty: the " + picker + "'s catalog price" + f.field().defaultValue().map(d -> ", else " + FormValues.show(d)).orElse("");
        }
        return capitalised(f.allowed());
    }

    /** A drop-down answer: "Retrieval Q&A: answer from retrieved passages". */
    private static Map<String, String> option(Choice c) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("text", fit(c.hint().map(h -> c.label() + ": " + h).orElse(c.label()), OPTION_MAX));
        o.put("value", c.value());
        return o;
    }

    /**
     * A label short enough for a display name: as it is when it fits, else the part before its first comma or
     * parenthesis ("Hosted input price, $ per 1M tokens" reads "Hosted input price"), else without its last
     * "per ..." ("Output tokens per request" reads "Output tokens"), else cut at a word. The help text starts
     * with the whole label.
     */
    static String displayName(String label) {
        if (bytes(label) <= DISPLAY_NAME_MAX) {
            return label;
        }
        for (String separator : List.of(", ", " (")) {
            int at = label.indexOf(separator);
            if (at > 0 && bytes(label.substring(0, at)) <= DISPLAY_NAME_MAX) {
                return label.substring(0, at);
            }
        }
        int per = label.lastIndexOf(" per ");
        if (per > 0 && bytes(label.substring(0, per)) <= DISPLAY_NAME_MAX) {
            return label.substring(0, per);
        }
        return fit(label, DISPLAY_NAME_MAX);
    }

    /** Cuts text to at most {@code max} UTF-8 bytes, at a word where it can, ending with an ellipsis when cut. */
    static String fit(String text, int max) {
        if (bytes(text) <= max) {
            return text;
        }
        String ellipsis = "…";
        int room = max - bytes(ellipsis);
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ")) {
            String next = out.isEmpty() ? word : out + " " + word;
            if (bytes(next) > room) {
                break;
            }
            out.setLength(0);
            out.append(next);
        }
        if (out.isEmpty()) {
            // one long word: cut it at a character
            int end = 0;
            while (end < text.length() && bytes(text.substring(0, text.offsetByCodePoints(end, 1))) <= room) {
                end = text.offsetByCodePoints(end, 1);
            }
            out.append(text, 0, end);
        }
        return out.toString().replaceAll("[\\s,;:.(]+$", "") + ellipsis;
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A label inside a sentence: "hosted model", but "GPU type" keeps its acronym. */
    private static String inSentence(String label) {
        String first = label.split(" ", 2)[0];
        return first.equals(first.toUpperCase(Locale.ROOT)) ? label : label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
