package dev.hostwise.bot;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Verdict IDs. A stored verdict gets {@code HW-YYYY-NNNN}, the number taken from the store's per-year
 * counter, so it is unique across replicas sharing one database. A verdict that could not be stored
 * gets a visibly different placeholder ({@code HW-2026-UNSAVED-3fa9c1}), so nobody cites an ID that
 * no link or lookup will ever find.
 */
public final class VerdictIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The ID a verdict carries between its decision and its save, which gives it its number. Never shown. */
    public static final String PENDING = "HW-PENDING";

    private VerdictIds() {
    }

    /** The citable ID of the {@code number}th verdict of {@code year}: HW-2026-0042. */
    public static String format(int year, int number) {
        return String.format("HW-%d-%04d", year, number);
    }

    /** The year a verdict decided at this instant is numbered in (UTC). */
    public static int yearOf(Instant at) {
        return at.atZone(ZoneOffset.UTC).getYear();
    }

    /** A placeholder for a verdict that is answered but not stored. */
    public static String unsaved(Instant at) {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return "HW-" + yearOf(at) + "-UNSAVED-" + HexFormat.of().formatHex(b);
    }

    /** True for a citable ID as the store assigns them. */
    public static boolean isCitable(String id) {
        return id != null && id.matches("HW-\\d{4}-\\d{4,9}");
    }
}
