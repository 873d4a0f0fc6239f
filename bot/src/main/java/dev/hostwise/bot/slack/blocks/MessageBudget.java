package dev.hostwise.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import dev.hostwise.bot.render.TextCut;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits a whole message to Slack's limits, whatever its renderer put in it: at most
 * {@value SlackText#MESSAGE_BLOCKS_MAX} blocks, each text within its own limit, and all the text
 * together within {@value SlackText#MESSAGE_TEXT_BUDGET} characters. A list is cut between whole items
 * and ends with "N more — see the page"; other text is cut with an ellipsis; no cut falls inside an
 * entity. A message already within the limits comes back unchanged, so this runs on every message.
 *
 * <p>It works on the finished blocks rather than inside each renderer, so sections other renderers add
 * later (a configuration search, measured throughput, quality evidence) are held to the same budget.
 */
public final class MessageBudget {

    private static final String BULLET = "\n• ";
    /** No text is cut below this while the whole is being fitted: a cut list still says something. */
    private static final int SMALLEST_CUT = 200;

    private MessageBudget() {
    }

    /**
     * @param seeThePage where the rest can be read, as mrkdwn: a {@code <url|see the page>} link, or
     *                   "`/selfhost verdict HW-2026-0042`"
     */
    public static List<LayoutBlock> fit(List<LayoutBlock> blocks, String seeThePage) {
        List<LayoutBlock> out = new ArrayList<>(blocks);
        out.replaceAll(b -> eachWithinItsLimits(b, seeThePage));
        fewerBlocks(out, seeThePage);
        int excess = textLength(out) - SlackText.MESSAGE_TEXT_BUDGET;
        // shrink the longest text first, down to SMALLEST_CUT; bounded: each round shortens one text or stops
        for (int round = 0; excess > 0 && round < out.size() * 4; round++) {
            int longest = -1;
            int longestLength = SMALLEST_CUT;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i) instanceof SectionBlock s && s.getText() != null && s.getText().getText().length() > longestLength) {
                    longest = i;
                    longestLength = s.getText().getText().length();
                }
            }
            if (longest < 0) {
                break;
            }
            SectionBlock s = (SectionBlock) out.get(longest);
            int target = Math.max(SMALLEST_CUT, longestLength - excess);
            setText(s.getText(), cutList(s.getText().getText(), target, seeThePage));
            excess = textLength(out) - SlackText.MESSAGE_TEXT_BUDGET;
        }
        return out;
    }

    /** All the text a message's blocks carry: what Slack's total budget counts. */
    public static int textLength(List<LayoutBlock> blocks) {
        int n = 0;
        for (LayoutBlock b : blocks) {
            if (b instanceof SectionBlock s) {
                n += length(s.getText());
                if (s.getFields() != null) {
                    n += s.getFields().stream().mapToInt(MessageBudget::length).sum();
                }
            } else if (b instanceof ContextBlock c && c.getElements() != null) {
                n += c.getElements().stream().mapToInt(e -> e instanceof TextObject t ? length(t) : 0).sum();
            } else if (b instanceof HeaderBlock h) {
                n += length(h.getText());
            }
        }
        return n;
    }

    /**
     * Text with a list in it ("*Caveats*\n• one\n• two") cut between whole items to at most {@code max}
     * characters, ending "• … 7 more — see the page"; other text cut with an ellipsis.
     */
    static String cutList(String text, int max, String seeThePage) {
        if (text.length() <= max) {
            return text;
        }
        int first = text.indexOf(BULLET);
        if (first < 0) {
            return SlackText.fit(text, max);
        }
        String head = text.substring(0, first);
        List<String> items = Arrays.asList(text.substring(first + BULLET.length()).split("\n• ", -1));
        List<String> kept = TextCut.fitting(items, max - head.length(), BULLET,
                n -> "… " + n + " more — " + seeThePage);
        if (kept.isEmpty()) {
            return SlackText.fit(text, max);
        }
        String cut = head + BULLET + String.join(BULLET, kept);
        return cut.length() <= max ? cut : SlackText.fit(cut, max);
    }

    private static LayoutBlock eachWithinItsLimits(LayoutBlock b, String seeThePage) {
        if (b instanceof SectionBlock s) {
            if (s.getText() != null) {
                setText(s.getText(), cutList(s.getText().getText(), SlackText.SECTION_MAX, seeThePage));
            }
            if (s.getFields() != null) {
                List<TextObject> fields = new ArrayList<>(s.getFields().subList(0, Math.min(SlackText.FIELDS_MAX, s.getFields().size())));
                fields.forEach(f -> setText(f, SlackText.fit(f.getText(), SlackText.FIELD_MAX)));
                s.setFields(fields);
            }
        } else if (b instanceof ContextBlock c && c.getElements() != null) {
            List<ContextBlockElement> elements = new ArrayList<>(c.getElements().subList(0,
                    Math.min(SlackText.CONTEXT_ELEMENTS_MAX, c.getElements().size())));
            elements.forEach(e -> {
                if (e instanceof TextObject t) {
                    setText(t, SlackText.fit(t.getText(), SlackText.CONTEXT_ELEMENT_MAX));
                }
            });
            c.setElements(elements);
        } else if (b instanceof HeaderBlock h && h.getText() != null) {
            h.getText().setText(SlackText.fit(h.getText().getText(), SlackText.HEADER_MAX));
        }
        return b;
    }

    /**
     * Past {@value SlackText#MESSAGE_BLOCKS_MAX} blocks, the longest run of plain text sections (a policy
     * with many conditions) keeps its first ones and ends with "N more — see the page"; the blocks around it
     * (the header, the figures, the buttons, who asked) stay.
     */
    private static void fewerBlocks(List<LayoutBlock> blocks, String seeThePage) {
        int over = blocks.size() - SlackText.MESSAGE_BLOCKS_MAX;
        if (over <= 0) {
            return;
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < blocks.size(); ) {
            int j = i;
            while (j < blocks.size() && plainSection(blocks.get(j))) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        if (bestLength >= over + 1) {
            // drop over + 1 sections from the run's end and put the count in their place
            int dropFrom = bestStart + bestLength - (over + 1);
            blocks.subList(dropFrom, bestStart + bestLength).clear();
            blocks.add(dropFrom, section(s -> s.text(markdownText("… " + (over + 1) + " more — " + seeThePage))));
            return;
        }
        // no run long enough (not a shape any renderer makes today): keep the first blocks and the last two
        List<LayoutBlock> tail = new ArrayList<>(blocks.subList(blocks.size() - 2, blocks.size()));
        int dropped = blocks.size() - (SlackText.MESSAGE_BLOCKS_MAX - 1);
        blocks.subList(SlackText.MESSAGE_BLOCKS_MAX - 3, blocks.size()).clear();
        blocks.add(section(s -> s.text(markdownText("… " + dropped + " more — " + seeThePage))));
        blocks.addAll(tail);
    }

    private static boolean plainSection(LayoutBlock b) {
        return b instanceof SectionBlock s && s.getText() != null && s.getFields() == null && s.getAccessory() == null;
    }

    private static int length(TextObject t) {
        return t == null || t.getText() == null ? 0 : t.getText().length();
    }

    private static void setText(TextObject t, String text) {
        if (t instanceof MarkdownTextObject m) {
            m.setText(text);
        } else if (t instanceof PlainTextObject p) {
            p.setText(text);
        }
    }
}
