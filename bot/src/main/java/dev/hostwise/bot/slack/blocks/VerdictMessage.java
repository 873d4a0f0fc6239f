package dev.hostwise.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.conversation.AdjustValue;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.render.ConditionRow;
import dev.hostwise.bot.render.ConfigurationSearchView;
import dev.hostwise.bot.render.FigureRow;
import dev.hostwise.bot.render.FigureRows;
import dev.hostwise.bot.render.HowSure;
import dev.hostwise.bot.render.PolicyWords;
import dev.hostwise.bot.render.SensitivityRow;
import dev.hostwise.bot.render.SensitivityRows;
import dev.hostwise.knowledge.evidence.LoadTestPlan;
import dev.hostwise.rules.Verdict;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The verdict as a channel message: the recommendation, the policy's conditions, the key figures, the
 * caveats, buttons to adjust or explain, and who asked when. Figures come formatted from
 * {@link FigureRows}; nothing here recomputes one.
 */
public final class VerdictMessage {

    /** The figures a reader needs to check the answer, in reading order (all of them are in "Show the math"). */
    static final List<String> KEY_FIGURES = List.of(
            "hostedPerRequest", "allInPerRequest",
            "hostedPerDay", "selfHostPerDay",
            "breakEvenRequestsPerHour", "breakEvenWithOpsRequestsPerHour",
            "replicasNeeded", "monthlySavings",
            "requestsPerSecond");

    private static final DateTimeFormatter FALLBACK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * @param note a line telling the user something about this delivery (e.g. why it came by DM), if any
     */
    /** Where verdict pages are served ({@code HOSTWISE_BASE_URL}); null when there is no page to link to. */
    private final String pageBaseUrl;

    public VerdictMessage() {
        this(null);
    }

    public VerdictMessage(String pageBaseUrl) {
        this.pageBaseUrl = pageBaseUrl;
    }

    public List<LayoutBlock> blocks(RecordedVerdict recorded, Requester who, Optional<String> note) {
        Verdict v = recorded.verdict();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(SlackText.fit(v.recommendation().headline(), SlackText.HEADER_MAX)))));
        if (!v.reasons().isEmpty()) {
            blocks.add(markdown(SlackText.escape(v.reasons().get(0))));
        }
        HowSure.line(v).ifPresent(line -> blocks.add(markdown("*How sure:* " + SlackText.escape(line))));
        int count = v.conditions().size();
        blocks.add(markdown(count == 1 ? "*The condition* (self-hosting needs it to hold)"
                : "*The " + PolicyWords.count(count) + " conditions* (self-hosting needs " + PolicyWords.all(count) + " at once)"));
        for (ConditionRow r : ConditionRow.of(v)) {
            blocks.add(markdown((r.holds() ? "✅" : "❌") + " *" + SlackText.escape(r.label()) + "*  " + SlackText.escape(r.reason())));
        }
        blocks.add(section(s -> s.fields(keyFigures(v))));
        loadTest(v).ifPresent(blocks::add);
        configurationSearch(v).ifPresent(blocks::add);
        if (v.reasons().size() > 1) {
            blocks.add(list(bullets("*Why*", v.reasons().subList(1, v.reasons().size()))));
        }
        // the three inputs that move the cost case most, each with the value that would flip it
        List<String> flips = SensitivityRows.of(v).stream().limit(3).map(SensitivityRow::sentence).toList();
        if (!flips.isEmpty()) {
            blocks.add(list(bullets("*What would flip the cost case*", flips)));
        }
        if (!v.caveats().isEmpty()) {
            blocks.add(list(bullets("*Caveats*", v.caveats())));
        }
        List<com.slack.api.model.block.element.BlockElement> buttons = new ArrayList<>(List.of(
                button(b -> b.actionId(SlackIds.ADJUST_INPUTS).text(plainText("Adjust inputs"))
                        .value(AdjustValue.valueOf(v, SlackText.BUTTON_VALUE_MAX))),
                button(b -> b.actionId(SlackIds.SHOW_THE_MATH).text(plainText("Show the math")).value(v.id()))));
        if (recorded.linkToken().isPresent()) {
            // only a stored verdict is re-checked, so only it can be muted
            buttons.add(button(b -> b.actionId(SlackIds.MUTE).text(plainText("Mute updates")).value(v.id())));
        }
        blocks.add(actions(a -> a.blockId(SlackIds.VERDICT_ACTIONS_BLOCK).elements(buttons)));
        String cite = pageBaseUrl == null ? "" : recorded.linkToken()
                .map(t -> " · <" + pageBaseUrl + "/v/" + t + "|Cite / open>").orElse("");
        blocks.add(context(c -> c.elements(List.of(markdownText(provenance(v, who) + cite)))));
        List<String> notes = new ArrayList<>();
        note.ifPresent(notes::add);
        recorded.saveProblem().ifPresent(p -> notes.add("Not saved: " + SlackText.escape(p) + "."));
        if (!notes.isEmpty()) {
            blocks.add(context(c -> c.elements(notes.stream().map(n -> (ContextBlockElement) markdownText(n)).toList())));
        }
        // the whole message within Slack's limits: many caveats, long inputs or many conditions are cut, never refused
        return MessageBudget.fit(blocks, seeThePage(recorded));
    }

    /** Where the rest of a cut message can be read: the verdict's page, its lookup command, or its math. */
    String seeThePage(RecordedVerdict recorded) {
        if (pageBaseUrl != null && recorded.linkToken().isPresent()) {
            return "<" + pageBaseUrl + "/v/" + recorded.linkToken().get() + "|see the page>";
        }
        if (recorded.saveProblem().isEmpty()) {
            return "see `/selfhost verdict " + recorded.verdict().id() + "`";
        }
        return "see *Show the math*";
    }

    /** For "Measure first": the load test that would settle it, as commands to paste, in one section. */
    static Optional<LayoutBlock> loadTest(Verdict v) {
        LoadTestPlan plan = v.loadTest();
        if (plan == null) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("*Load test to run*, then import the result and ask again: ")
                .append(SlackText.escape(String.format(java.util.Locale.ROOT, "%s on %d x %s at %s, %d requests in flight,"
                                + " %,d prompt and %,d completion tokens, %,d requests.", plan.model(), plan.gpusPerReplica(),
                        plan.gpuType() == null ? "your GPU" : plan.gpuType(), plan.precision(), plan.concurrency(),
                        plan.inputTokens(), plan.outputTokens(), plan.prompts())));
        plan.notes().forEach(n -> text.append("\n• ").append(SlackText.escape(n)));
        // the commands in a code block, whole: catalog IDs and numbers keep them far inside the section limit
        text.append("\n```").append(SlackText.escape(String.join("\n", plan.commands()))).append("```");
        return Optional.of(markdown(text.toString()));
    }

    /** The configuration search, when the verdict chose its hardware: chosen, runners-up and why the others lost. */
    static Optional<LayoutBlock> configurationSearch(Verdict v) {
        return ConfigurationSearchView.of(v).map(view -> {
            StringBuilder text = new StringBuilder("*Configuration search*: ").append(SlackText.escape(view.summary())).append(".\n");
            text.append("Chosen: ").append(searchRow(view.chosen()));
            for (ConfigurationSearchView.Row r : view.shownRunnersUp()) {
                text.append("\nRunner-up: ").append(searchRow(r));
            }
            if (!view.lost().isEmpty()) {
                text.append("\nWhy the others lost: ").append(SlackText.escape(view.lostInWords()));
            }
            return markdown(text.toString());
        });
    }

    private static String searchRow(ConfigurationSearchView.Row r) {
        return "*" + SlackText.escape(r.configuration()) + "* " + SlackText.escape(r.perDay()) + "/day, " + r.replicas()
                + (r.replicas() == 1 ? " replica" : " replicas") + ", batch " + r.batch() + ", " + SlackText.escape(r.secondsPerRequest())
                + "/request, " + SlackText.escape(r.evidence()) + (r.note().isEmpty() ? "" : " _(" + SlackText.escape(r.note()) + ")_");
    }

    /** The notification text, shown where blocks are not (push notifications, screen readers). */
    public String text(Verdict v) {
        return v.recommendation().headline() + " (" + v.id() + ")";
    }

    private static List<TextObject> keyFigures(Verdict v) {
        Map<String, FigureRow> rows = FigureRows.of(v.figures()).stream()
                .collect(Collectors.toMap(FigureRow::name, Function.identity()));
        return KEY_FIGURES.stream()
                .map(rows::get)
                .map(r -> (TextObject) markdownText(SlackText.fit("*" + r.label() + "*\n" + SlackText.escape(r.value())
                        + "  `" + r.name() + "`", SlackText.FIELD_MAX)))
                .toList();
    }

    /** "HW-2026-0545 · rules 8deadd510b12 · asked by @ana · Nov 29th at 9:05 PM", in the reader's own time zone. */
    static String provenance(Verdict v, Requester who) {
        String when = "<!date^" + v.createdAt().getEpochSecond() + "^{date_short_pretty} at {time}|"
                + FALLBACK_TIME.format(v.createdAt()) + ">";
        String asker = who.user() == null ? "" : " · asked by <@" + who.user() + ">";
        return "*" + v.id() + "* · rules `" + v.rulesRevision() + "` · catalog " + v.catalogDate() + asker + " · " + when;
    }

    static LayoutBlock markdown(String text) {
        return section(s -> s.text(markdownText(SlackText.fit(text, SlackText.SECTION_MAX))));
    }

    /**
     * A list as a section of mrkdwn, whole: {@link MessageBudget} fits the message it goes into, cutting it
     * between whole items ("… 7 more — see the page") rather than mid-item.
     */
    static LayoutBlock list(String text) {
        return section(s -> s.text(markdownText(text)));
    }

    static String bullets(String title, List<String> items) {
        StringBuilder out = new StringBuilder(title);
        for (String item : items) {
            out.append("\n• ").append(SlackText.escape(item));
        }
        return out.toString();
    }
}
