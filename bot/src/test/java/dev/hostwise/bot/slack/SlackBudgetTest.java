package dev.hostwise.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.slack.blocks.MessageBudget;
import dev.hostwise.bot.slack.blocks.SlackText;
import dev.hostwise.bot.slack.blocks.VerdictMessage;
import dev.hostwise.rules.ConditionResult;
import dev.hostwise.rules.Verdict;
import dev.hostwise.rules.facts.Condition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A verdict message stays within Slack's limits as a whole, however much the verdict says: at most 50
 * blocks, each text within its own limit, all of it within the 12,000-character budget; lists cut
 * between whole items with "N more — see the page"; no cut inside an entity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackBudgetTest {

    private static final Pattern HALF_ENTITY = Pattern.compile("&(?!(amp|lt|gt);)|<(?![^<>]*>)");

    private Hostwise hostwise;
    private Verdict real;

    @BeforeAll
    void decide() {
        hostwise = Hostwise.start(new Env(Map.of()), Optional.empty(), Clock.systemUTC());
        real = hostwise.decide(hostwise.reader().fromText(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE")));
    }

    @AfterAll
    void close() {
        hostwise.close();
    }

    @Test
    void aVerdictWithManyLongCaveatsIsCutBetweenWholeCaveatsWithACountAndALinkToThePage() {
        List<String> caveats = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // long, with characters that escape into entities right where a naive cut would fall
            caveats.add("Caveat " + i + ": R&D <b>&</b> " + "x".repeat(90) + " & <https://example.com/" + i + "|a link>");
        }
        Verdict v = withCaveats(real, caveats);
        List<LayoutBlock> blocks = new VerdictMessage(SlackBot.PAGE_BASE_URL).blocks(recorded(v), who(), Optional.empty());

        assertWithinSlacksLimits(blocks);
        String all = allText(blocks);
        assertThat(all).contains("*Caveats*", "• Caveat 0: R&amp;D &lt;b&gt;&amp;&lt;/b&gt;");
        Matcher more = Pattern.compile("• … (\\d+) more — <https://hostwise\\.example\\.com/v/tok-123\\|see the page>").matcher(all);
        assertThat(more.find()).as(all).isTrue();
        int shown = (int) all.lines().filter(l -> l.startsWith("• Caveat ")).count();
        assertThat(shown + Integer.parseInt(more.group(1))).isEqualTo(400);
        // the rest of the message is still there: the figures, the buttons, who asked
        assertThat(blocks.stream().filter(b -> b instanceof SectionBlock s && s.getFields() != null)).hasSize(1);
        assertThat(blocks.get(blocks.size() - 1)).isInstanceOf(ContextBlock.class);
    }

    @Test
    void aPolicyWithSixtyConditionsStaysWithinFiftyBlocks() {
        Map<Condition, ConditionResult> conditions = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            conditions.put(Condition.named("CONDITION_" + i), new ConditionResult(i % 2 == 0, "reason " + i + " & more"));
        }
        Verdict v = new Verdict(real.id(), real.createdAt(), real.recommendation(), conditions, real.figures(), real.sensitivity(),
                real.reasons(), real.caveats(), real.firedRules(), real.rulesRevision(), real.catalogDate(), real.scenario(),
                real.probabilities(), real.pooledFrom(), real.pool(), real.pricedFromCatalog(), real.loadTest());
        List<LayoutBlock> blocks = new VerdictMessage(SlackBot.PAGE_BASE_URL).blocks(recorded(v), who(), Optional.empty());

        assertWithinSlacksLimits(blocks);
        assertThat(blocks).hasSize(SlackText.MESSAGE_BLOCKS_MAX);
        assertThat(allText(blocks)).contains("Condition 0", "more — <https://hostwise.example.com/v/tok-123|see the page>")
                .doesNotContain("Condition 59");
    }

    @Test
    void aMessageAlreadyWithinTheLimitsComesBackUnchanged() {
        List<LayoutBlock> blocks = new VerdictMessage(SlackBot.PAGE_BASE_URL).blocks(recorded(real), who(), Optional.empty());
        assertWithinSlacksLimits(blocks);
        assertThat(allText(blocks)).doesNotContain("more — ");
    }

    @Test
    void aCutNeverFallsInsideAnEntity() {
        String text = "a".repeat(95) + "&amp;<https://example.com/long|link text>" + "b".repeat(50);
        for (int max = 90; max < text.length(); max++) {
            String cut = SlackText.fit(text, max);
            assertThat(cut.length()).isLessThanOrEqualTo(max);
            assertThat(HALF_ENTITY.matcher(cut).find()).as(cut).isFalse();
        }
        // a surrogate pair is not split either
        String emoji = "x".repeat(9) + "😀😀";
        assertThat(SlackText.fit(emoji, 11)).isEqualTo("x".repeat(9) + "…");
    }

    static void assertWithinSlacksLimits(List<LayoutBlock> blocks) {
        assertThat(blocks).hasSizeLessThanOrEqualTo(SlackText.MESSAGE_BLOCKS_MAX);
        assertThat(MessageBudget.textLength(blocks)).isLessThanOrEqualTo(SlackText.MESSAGE_TEXT_BUDGET);
        for (LayoutBlock b : blocks) {
            if (b instanceof SectionBlock s) {
                if (s.getText() != null) {
                    assertThat(s.getText().getText()).hasSizeLessThanOrEqualTo(SlackText.SECTION_MAX);
                    assertThat(HALF_ENTITY.matcher(s.getText().getText()).find()).as(s.getText().getText()).isFalse();
                }
                if (s.getFields() != null) {
                    assertThat(s.getFields()).hasSizeLessThanOrEqualTo(SlackText.FIELDS_MAX)
                            .allSatisfy(f -> assertThat(f.getText()).hasSizeLessThanOrEqualTo(SlackText.FIELD_MAX));
                }
            } else if (b instanceof ContextBlock c) {
                assertThat(c.getElements()).hasSizeLessThanOrEqualTo(SlackText.CONTEXT_ELEMENTS_MAX)
                        .allSatisfy(e -> assertThat(((TextObject) e).getText()).hasSizeLessThanOrEqualTo(SlackText.CONTEXT_ELEMENT_MAX));
            } else if (b instanceof HeaderBlock h) {
                assertThat(h.getText().getText()).hasSizeLessThanOrEqualTo(SlackText.HEADER_MAX);
            }
        }
    }

    private static String allText(List<LayoutBlock> blocks) {
        StringBuilder out = new StringBuilder();
        for (LayoutBlock b : blocks) {
            if (b instanceof SectionBlock s && s.getText() != null) {
                out.append(s.getText().getText()).append('\n');
            }
        }
        return out.toString();
    }

    private static Verdict withCaveats(Verdict v, List<String> caveats) {
        return new Verdict(v.id(), v.createdAt(), v.recommendation(), v.conditions(), v.figures(), v.sensitivity(), v.reasons(),
                caveats, v.firedRules(), v.rulesRevision(), v.catalogDate(), v.scenario(), v.probabilities(), v.pooledFrom(), v.pool(),
                v.pricedFromCatalog(), v.loadTest());
    }

    private static RecordedVerdict recorded(Verdict v) {
        return new RecordedVerdict(v, Optional.of("tok-123"), Optional.empty());
    }

    private static Requester who() {
        return Requester.chat(dev.hostwise.bot.Platform.SLACK, SlackBot.TEAM, SlackBot.CHANNEL, SlackBot.USER);
    }
}
