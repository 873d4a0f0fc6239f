package dev.hostwise.bot.mattermost.render;

import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.mattermost.callback.ButtonContext;
import dev.hostwise.bot.mattermost.callback.CallbackSeal;
import dev.hostwise.bot.render.ConditionRow;
import dev.hostwise.bot.render.FigureRow;
import dev.hostwise.bot.render.FigureRows;
import dev.hostwise.bot.render.HowSure;
import dev.hostwise.bot.render.PolicyWords;
import dev.hostwise.bot.render.SensitivityRow;
import dev.hostwise.bot.render.SensitivityRows;
import dev.hostwise.rules.Verdict;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The verdict as a Mattermost post, in Markdown: the recommendation, the policy's conditions as the
 * verdict lists them, the key figures as a table, why, what would flip the cost case, the caveats, and
 * who asked when, with the verdict's ID and its page. Under it, a message attachment holds the two
 * buttons. Figures come formatted from {@link FigureRows}; nothing here recomputes one, and the number
 * of conditions is counted from the verdict.
 */
public final class VerdictPost {

    /** The figures a reader needs to check the answer, in reading order (all of them are in "Show the math"). */
    static final List<String> KEY_FIGURES = List.of(
            "hostedPerRequest", "allInPerRequest",
            "hostedPerDay", "selfHostPerDay",
            "breakEvenRequestsPerHour", "breakEvenWithOpsRequestsPerHour",
            "replicasNeeded", "monthlySavings",
            "requestsPerSecond");

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final String pageBaseUrl;
    private final String actionUrl;
    private final CallbackSeal seal;
    private final Function<String, Optional<String>> userNames;

    /**
     * @param pageBaseUrl where verdict pages are served ({@code HOSTWISE_BASE_URL}); null when there is no page to link to
     * @param actionUrl   where Mattermost posts the buttons' clicks
     * @param userNames   a user ID's user name, when known, for "asked by @name"
     */
    public VerdictPost(String pageBaseUrl, String actionUrl, CallbackSeal seal, Function<String, Optional<String>> userNames) {
        this.pageBaseUrl = pageBaseUrl;
        this.actionUrl = actionUrl;
        this.seal = seal;
        this.userNames = userNames;
    }

    /**
     * @param note a line about this delivery (why it came another way), if any
     */
    public PostBody render(RecordedVerdict recorded, Requester who, Optional<String> note) {
        Verdict v = recorded.verdict();
        StringBuilder out = new StringBuilder();
        out.append("#### ").append(Markdown.escape(v.recommendation().headline())).append('\n');
        if (!v.reasons().isEmpty()) {
            out.append(Markdown.escape(v.reasons().get(0))).append('\n');
        }
        int count = v.conditions().size();
        out.append('\n').append(count == 1 ? "**The condition** (self-hosting needs it to hold)"
                : "**The " + PolicyWords.count(count) + " conditions** (self-hosting needs " + PolicyWords.all(count) + " at once)")
                .append('\n');
        for (ConditionRow r : ConditionRow.of(v)) {
            out.append("- ").append(r.holds() ? "✅" : "❌").append(" **").append(Markdown.escape(r.label())).append("**: ")
                    .append(Markdown.escape(r.reason())).append('\n');
        }
        // how sure: the share of plausible cases in which self-hosting is cheaper, and the saving's spread
        HowSure.line(v).ifPresent(line -> out.append("\n**How sure:** ").append(Markdown.escape(line)).append('\n'));
        out.append('\n').append(keyFigures(v));
        if (v.reasons().size() > 1) {
            out.append('\n').append(bullets("**Why**", v.reasons().subList(1, v.reasons().size())));
        }
        // the three inputs that move the cost case most, each with the value that would flip it
        List<String> flips = SensitivityRows.of(v).stream().limit(3).map(SensitivityRow::sentence).toList();
        if (!flips.isEmpty()) {
            out.append('\n').append(bullets("**What would flip the cost case**", flips));
        }
        if (!v.caveats().isEmpty()) {
            out.append('\n').append(bullets("**Caveats**", v.caveats()));
        }
        Optional<String> page = page(recorded);
        out.append('\n').append(provenance(v, who)).append(page.map(p -> " · [Cite / open](" + p + ")").orElse("")).append('\n');
        note.ifPresent(n -> out.append("\n_").append(n).append("_\n"));
        recorded.saveProblem().ifPresent(p -> out.append("\n_Not saved: ").append(Markdown.escape(p)).append("._\n"));
        String tail = page.map(p -> "_Cut to fit a Mattermost post: the whole verdict is at [its page](" + p + ")._")
                .orElse("_Cut to fit a Mattermost post: press **Show the math** for every figure._");
        return new PostBody(Markdown.fit(out.toString().stripTrailing(), tail), List.of(buttons(recorded)));
    }

    /** The notification text: "Stay on the hosted API (HW-2026-0042)". */
    public static String summary(Verdict v) {
        return v.recommendation().headline() + " (" + v.id() + ")";
    }

    private Optional<String> page(RecordedVerdict recorded) {
        return pageBaseUrl == null ? Optional.empty() : recorded.linkToken().map(t -> pageBaseUrl + "/v/" + t);
    }

    private Map<String, Object> buttons(RecordedVerdict recorded) {
        Verdict v = recorded.verdict();
        Map<String, Object> attachment = new LinkedHashMap<>();
        List<Map<String, Object>> actions = new java.util.ArrayList<>(List.of(
                button("adjustinputs", "Adjust inputs", ButtonContext.adjust(v)),
                button("showthemath", "Show the math", ButtonContext.math(v))));
        if (recorded.linkToken().isPresent()) {
            // only a stored verdict is re-checked, so only it can be muted
            actions.add(button("muteupdates", "Mute updates", ButtonContext.mute(v)));
        }
        attachment.put("fallback", summary(v) + (actions.size() > 2 ? ": adjust the inputs, show the math or mute updates"
                : ": adjust the inputs or show the math"));
        attachment.put("actions", List.copyOf(actions));
        return attachment;
    }

    /**
     * A message-attachment button (server/public/model/integration_action.go, {@code PostAction}): its
     * {@code integration} says where the click goes and what it carries. IDs are letters only.
     */
    private Map<String, Object> button(String id, String name, ButtonContext context) {
        Map<String, Object> button = new LinkedHashMap<>();
        button.put("id", id);
        button.put("type", "button");
        button.put("name", name);
        Map<String, Object> integration = new LinkedHashMap<>();
        integration.put("url", actionUrl);
        integration.put("context", context.context(seal));
        button.put("integration", integration);
        return button;
    }

    private static String keyFigures(Verdict v) {
        Map<String, FigureRow> rows = FigureRows.of(v.figures()).stream()
                .collect(Collectors.toMap(FigureRow::name, Function.identity()));
        StringBuilder out = new StringBuilder("| Key figure | Value | In the verdict JSON |\n|:--|--:|:--|\n");
        for (String name : KEY_FIGURES) {
            FigureRow r = rows.get(name);
            if (r != null) {
                out.append("| ").append(Markdown.cell(r.label())).append(" | ").append(Markdown.cell(r.value()))
                        .append(" | `").append(r.name()).append("` |\n");
            }
        }
        return out.toString();
    }

    /** "**HW-2026-0042** · rules `8deadd510b12` · catalog 2026-05-01 · asked by @ana · 2026-06-15 09:30 UTC". */
    String provenance(Verdict v, Requester who) {
        String asker = who.user() == null ? "" : " · asked by " + userNames.apply(who.user()).map(n -> "@" + n)
                .orElse("user `" + who.user() + "`");
        return "**" + v.id() + "** · rules `" + v.rulesRevision() + "` · catalog " + v.catalogDate() + asker + " · "
                + WHEN.format(v.createdAt());
    }

    static String bullets(String title, List<String> items) {
        StringBuilder out = new StringBuilder(title).append('\n');
        for (String item : items) {
            out.append("- ").append(Markdown.escape(item)).append('\n');
        }
        return out.toString();
    }
}
