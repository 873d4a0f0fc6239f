package dev.hostwise.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.view.Views.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.hostwise.bot.render.PolicyWords;
import dev.hostwise.rules.PolicyConditions;
import java.time.LocalDate;
import java.util.List;

/** The App Home tab: the policy in brief, the active rules revision, and a button that opens the modal. */
public final class HomeTab {

    public View build(String rulesRevision, PolicyConditions conditions, LocalDate catalogDate) {
        return build(rulesRevision, conditions, catalogDate, List.of());
    }

    /**
     * @param conditions the active policy's conditions, which the tab describes
     * @param recent     the user's own recent verdicts, newest first, each as a line of Slack mrkdwn
     */
    public View build(String rulesRevision, PolicyConditions conditions, LocalDate catalogDate, List<String> recent) {
        int n = conditions.size();
        List<LayoutBlock> blocks = new java.util.ArrayList<>(List.of(
                header(h -> h.text(plainText("Self-host an open model, or stay on the hosted API?"))),
                VerdictMessage.markdown("I price your workload both ways and apply the team's policy. You get a "
                        + "recommendation, " + (n == 1 ? "the condition" : "the " + PolicyWords.count(n) + " conditions")
                        + " behind it, every figure, and a verdict ID to cite in a design review."),
                VerdictMessage.markdown(HelpMessage.policy(conditions)),
                actions(a -> a.blockId(SlackIds.HOME_ACTIONS_BLOCK).elements(List.of(
                        button(b -> b.actionId(SlackIds.OPEN_FORM).style("primary").text(plainText("Decide a scenario")))))),
                divider(),
                context(c -> c.elements(List.of(markdownText("Active rules revision `" + rulesRevision + "` · catalog "
                        + catalogDate + " · in any channel, `/selfhost` opens the form and `/selfhost help` explains the one-line form."))))));
        if (!recent.isEmpty()) {
            blocks.add(header(h -> h.text(plainText("Your recent verdicts"))));
            blocks.add(VerdictMessage.markdown(String.join("\n", recent)));
        }
        return view(v -> v.type("home").blocks(blocks));
    }
}
