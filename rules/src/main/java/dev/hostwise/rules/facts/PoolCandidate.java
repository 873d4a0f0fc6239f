package dev.hostwise.rules.facts;

import java.util.List;

/**
 * Several teams' stored verdicts pooled into one scenario: the fact pooling rules read beside the
 * pooled scenario's own facts (its figures, findings and probabilities). Each member stays on the
 * hosted API today because VOLUME fails for it alone, although PRIVACY and QUALITY hold.
 *
 * @param members              how many verdicts are pooled
 * @param teams                how many distinct teams asked them (a team is where a verdict was asked:
 *                             a chat conversation, or the person who asked elsewhere)
 * @param openModel            the open model the pool would serve, by catalog id
 * @param modelNamedByAll      true when every member named that model; false when the catalog's model was
 *                             found to clear QUALITY for every member by the rules
 * @param membersHostedPerDay  what the members pay the hosted API per day together
 * @param memberIds            the pooled verdicts' IDs
 */
public record PoolCandidate(int members, int teams, String openModel, boolean modelNamedByAll, double membersHostedPerDay,
                            List<String> memberIds) {

    public PoolCandidate {
        memberIds = List.copyOf(memberIds);
    }
}
