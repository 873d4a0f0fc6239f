package dev.hostwise.bot.store;

import dev.hostwise.bot.Requester;
import dev.hostwise.rules.facts.Recommendation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** One line of a verdict listing: the indexed columns, without the verdict JSON. */
public record VerdictSummary(
        String id,
        String linkToken,
        Instant createdAt,
        Recommendation recommendation,
        String rulesRevision,
        LocalDate catalogDate,
        String appVersion,
        Requester requester,
        Optional<String> supersedes) {
}
