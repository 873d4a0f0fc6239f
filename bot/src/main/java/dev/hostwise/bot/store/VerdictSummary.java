package dev.hostwise.bot.store;

import dev.hostwise.bot.Requester;
import dev.hostwise.rules.facts.Recommendation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One line of a verdict listing: the indexed columns, without the verdict JSON.
 *
 * @param supersedeReason why it superseded {@code supersedes}, when it says
 */
public record VerdictSummary(
        String id,
        String linkToken,
        Instant createdAt,
        Recommendation recommendation,
        String rulesRevision,
        LocalDate catalogDate,
        String appVersion,
        Requester requester,
        Optional<String> supersedes,
        Optional<String> supersedeReason) {

    public VerdictSummary {
        supersedeReason = supersedeReason == null ? Optional.empty() : supersedeReason;
    }

    public VerdictSummary(String id, String linkToken, Instant createdAt, Recommendation recommendation, String rulesRevision,
                          LocalDate catalogDate, String appVersion, Requester requester, Optional<String> supersedes) {
        this(id, linkToken, createdAt, recommendation, rulesRevision, catalogDate, appVersion, requester, supersedes,
                Optional.empty());
    }
}
