package dev.hostwise.bot.store;

import dev.hostwise.bot.Requester;
import dev.hostwise.rules.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * A verdict as the store keeps it: the verdict itself (scenario, figures, conditions, reasons,
 * caveats, fired rules, rules revision and catalog date are all inside it) and what the store adds.
 *
 * @param verdict     the decision, with its citable ID
 * @param linkToken   the unguessable token of its page, {@code /v/{token}}
 * @param requester   who asked, and where
 * @param appVersion  the Hostwise version that decided it
 * @param supersedes  the ID of the verdict this one re-evaluated, if any
 * @param ruleReasons the {@code @reason} of each fired rule, in firing order
 * @param supersedeReason why it superseded {@code supersedes}: "re-evaluated on request", or "inputs
 *                    changed: …" when the watch re-decided it; empty when it supersedes nothing, or was
 *                    stored before the reason was kept
 */
public record StoredVerdict(
        Verdict verdict,
        String linkToken,
        Requester requester,
        String appVersion,
        Optional<String> supersedes,
        List<RuleReason> ruleReasons,
        Optional<String> supersedeReason) {

    public StoredVerdict {
        ruleReasons = List.copyOf(ruleReasons);
        supersedeReason = supersedeReason == null ? Optional.empty() : supersedeReason;
    }

    public StoredVerdict(Verdict verdict, String linkToken, Requester requester, String appVersion, Optional<String> supersedes,
                         List<RuleReason> ruleReasons) {
        this(verdict, linkToken, requester, appVersion, supersedes, ruleReasons, Optional.empty());
    }

    public String id() {
        return verdict.id();
    }

    /** The listing line of this verdict. */
    public VerdictSummary summary() {
        return new VerdictSummary(id(), linkToken, verdict.createdAt(), verdict.recommendation(), verdict.rulesRevision(),
                verdict.catalogDate(), appVersion, requester, supersedes, supersedeReason);
    }
}
