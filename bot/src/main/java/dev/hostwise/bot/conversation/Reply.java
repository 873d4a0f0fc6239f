package dev.hostwise.bot.conversation;

import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.rules.Verdict;
import java.util.Optional;

/**
 * What the conversation says, before a surface words it for its platform (Block Kit, Markdown, ...).
 * The core decides what to say and where; an {@link Outlet} renders and sends it.
 */
public sealed interface Reply {

    /** What it is about, for log lines: a verdict ID, "the scenario form". */
    String subject();

    /**
     * A verdict, with buttons to adjust its inputs and show its math.
     *
     * @param detour why it did not go where it should have, when it came another way
     */
    record VerdictReply(RecordedVerdict recorded, Requester who, Optional<Detour> detour) implements Reply {
        @Override
        public String subject() {
            return recorded.verdict().id();
        }
    }

    /**
     * Every figure of a verdict with its formula.
     *
     * @param notInThread why it could not go in the verdict's thread, when it is shown to the user alone instead
     */
    record MathReply(Verdict verdict, Optional<String> notInThread) implements Reply {
        @Override
        public String subject() {
            return verdict.id();
        }
    }

    /** A short message that is not a verdict: a failure, a notice. Plain text, with {@code `code`} spans only. */
    record Notice(String subject, String text) implements Reply {
    }

    /**
     * Why a verdict came by a way other than its conversation.
     *
     * @param conversation where it should have gone
     * @param problem      what the platform said
     * @param via          how it came instead
     */
    record Detour(String conversation, String problem, Via via) {
    }

    /** The ways round a conversation the bot cannot post in. */
    enum Via { REPLY_LINK, DIRECT_MESSAGE }
}
