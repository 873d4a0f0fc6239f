package dev.hostwise.bot.web;

import dev.hostwise.bot.replay.VerdictChange;
import dev.hostwise.bot.replay.VerdictComparison;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.store.RuleReason;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.bot.store.VerdictStore;
import dev.hostwise.bot.store.VerdictSummary;
import dev.hostwise.rules.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * Everything the verdict page and the ADR show: the verdict, what the store keeps beside it, and its
 * place in a chain of re-evaluations.
 *
 * @param verdict      the decision
 * @param linkToken    its page token; empty when it could not be saved
 * @param requester    who asked, and where
 * @param appVersion   the Hostwise version that decided it
 * @param ruleReasons  the {@code @reason} of each fired rule, when stored
 * @param supersedes   the verdict this one re-evaluated
 * @param supersededBy the verdicts that re-evaluated this one, oldest first
 * @param saveProblem  why it was not saved, when it was not
 * @param changes      what differs from the verdict this one re-evaluated (empty when it re-evaluated none)
 */
public record VerdictView(
        Verdict verdict,
        Optional<String> linkToken,
        Requester requester,
        String appVersion,
        List<RuleReason> ruleReasons,
        Optional<VerdictSummary> supersedes,
        List<VerdictSummary> supersededBy,
        Optional<String> saveProblem,
        List<VerdictChange> changes) {

    /** A stored verdict with its neighbours in the chain of re-evaluations, read from the store. */
    static VerdictView of(StoredVerdict s, VerdictStore store) {
        Optional<StoredVerdict> olderVerdict = s.supersedes().flatMap(store::byId);
        Optional<VerdictSummary> older = olderVerdict.map(StoredVerdict::summary);
        List<VerdictChange> changes = olderVerdict.map(o -> VerdictComparison.of(o.verdict(), s.verdict()).changes())
                .orElse(List.of());
        return new VerdictView(s.verdict(), Optional.of(s.linkToken()), s.requester(), s.appVersion(), s.ruleReasons(),
                older, store.supersededBy(s.id()), Optional.empty(), changes);
    }

    /**
     * What web and API users are told when a verdict could not be stored. The detailed reason names
     * the database's address, so it goes to the server log instead.
     */
    static final String PUBLIC_SAVE_PROBLEM = "The verdict store could not be reached, so this verdict was not saved "
            + "and has no link or citable ID. Try again in a minute.";

    /** A verdict that was answered but could not be stored. */
    static VerdictView unsaved(RecordedVerdict r, Requester who) {
        return new VerdictView(r.verdict(), Optional.empty(), who, Hostwise.version(), List.of(), Optional.empty(), List.of(),
                Optional.of(PUBLIC_SAVE_PROBLEM), List.of());
    }

    /** "Slack user U123 in channel C456 (workspace T789)", "the command line (user ann)", "the API", "the web form". */
    String askedBy() {
        return requester.inWords();
    }

    /** The stored reason of the fired rule at this position, or empty for verdicts stored without them. */
    String reasonOf(int firedIndex) {
        return firedIndex < ruleReasons.size() ? ruleReasons.get(firedIndex).reason() : "";
    }
}
