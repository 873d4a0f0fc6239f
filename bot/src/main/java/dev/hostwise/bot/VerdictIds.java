package dev.hostwise.bot;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Short, human verdict IDs of the form HW-YYYY-NNNN. Until a verdict store assigns sequence numbers,
 * the number part is random, which keeps IDs unique enough for verdicts that are not stored.
 */
public final class VerdictIds {

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public VerdictIds(Clock clock) {
        this.clock = clock;
    }

    public String next() {
        int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
        return String.format("HW-%d-%04d", year, random.nextInt(10_000));
    }
}
