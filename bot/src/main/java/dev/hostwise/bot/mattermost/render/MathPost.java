package dev.hostwise.bot.mattermost.render;

import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.render.FigureRow;
import dev.hostwise.bot.render.FigureRows;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.rules.Verdict;
import java.util.Optional;

/** "Show the math": the inputs, then every figure of a verdict with the formula behind it, as a reply in its thread. */
public final class MathPost {

    /**
     * @param notInThread why it could not go in the verdict's thread, when it is shown to the asker alone instead
     */
    public PostBody render(Verdict v, Optional<String> notInThread) {
        StringBuilder out = new StringBuilder("#### The math behind ").append(v.id()).append('\n')
                .append("Every figure with the formula behind it, in the order they build on each other. "
                        + "The names in `code` are the ones in the verdict JSON.\n\n**Inputs** (defaults filled in)\n");
        FormValues values = FormValues.of(v.scenario());
        for (ScenarioField f : ScenarioField.values()) {
            values.get(f).ifPresent(text -> out.append("- ").append(Markdown.escape(FieldMetadata.of(f).label())).append(": ")
                    .append(Markdown.escape(text)).append(" `").append(f.json()).append("`\n"));
        }
        out.append("\n| Figure | Value | Formula | In the verdict JSON |\n|:--|--:|:--|:--|\n");
        for (FigureRow r : FigureRows.of(v.figures())) {
            out.append("| ").append(Markdown.cell(r.label())).append(" | **").append(Markdown.cell(r.value())).append("** | ")
                    .append(Markdown.cell(r.formula())).append(" | `").append(r.name()).append("` |\n");
        }
        out.append("\n**").append(v.id()).append("** · rules `").append(v.rulesRevision()).append("` · catalog ").append(v.catalogDate());
        notInThread.ifPresent(why -> out.append("\n\n_Only you can see this: I couldn't reply in the verdict's thread (")
                .append(Markdown.escape(why)).append("). Add me to the channel to let me post there._"));
        return PostBody.text(Markdown.fit(out.toString(), "_Cut to fit a Mattermost post: every figure is on the verdict's page._"));
    }
}
