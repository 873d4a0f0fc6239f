package dev.hostwise.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import dev.hostwise.bot.render.FigureRow;
import dev.hostwise.bot.render.FigureRows;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.rules.Verdict;
import java.util.ArrayList;
import java.util.List;

/** "Show the math": the inputs, then every figure of a verdict with the formula behind it, as a thread reply. */
public final class MathThread {

    public List<LayoutBlock> blocks(Verdict v) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("The math behind " + v.id()))));
        blocks.add(VerdictMessage.markdown("Every figure with the formula behind it, in the order they build on each other. "
                + "The names in `code` are the ones in the verdict JSON."));
        StringBuilder inputs = new StringBuilder("*Inputs* (defaults filled in)");
        FormValues values = FormValues.of(v.scenario());
        for (ScenarioField f : ScenarioField.values()) {
            values.get(f).ifPresent(text -> inputs.append("\n• ").append(FieldMetadata.of(f).label()).append(": ")
                    .append(SlackText.escape(text)).append("  `").append(f.json()).append('`'));
        }
        blocks.add(VerdictMessage.list(inputs.toString()));
        for (FigureRow r : FigureRows.of(v.figures())) {
            blocks.add(VerdictMessage.markdown("*" + r.label() + "*  `" + r.name() + "`\n*" + SlackText.escape(r.value())
                    + "* = " + SlackText.escape(r.formula())));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("*" + v.id() + "* · rules `" + v.rulesRevision()
                + "` · catalog " + v.catalogDate())))));
        // one block per figure: a verdict with many figures could pass 50 blocks; the verdict's own command shows the rest
        return MessageBudget.fit(blocks, "`/selfhost verdict " + v.id() + "`");
    }

    public String text(Verdict v) {
        return "The math behind " + v.id();
    }
}
