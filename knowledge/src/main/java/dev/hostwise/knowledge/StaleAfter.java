package dev.hostwise.knowledge;

import dev.hostwise.knowledge.catalog.AsOf;
import java.time.LocalDate;

/**
 * How old a price or a throughput measurement may be before a decision resting on it says so
 * ({@code HOSTWISE_STALE_AFTER_DAYS}). A figure is stale when its latest possible date (see
 * {@link AsOf#latest()}) lies more than {@code days} days before the decision's date.
 *
 * @param days whole days; at least 1
 */
public record StaleAfter(int days) {

    /** The default: about six months, long enough that list prices rarely move unnoticed in between. */
    public static final StaleAfter DEFAULT = new StaleAfter(180);

    public StaleAfter {
        if (days < 1) {
            throw new IllegalArgumentException("the staleness limit must be a whole number of days, 1 or more; it is " + days);
        }
    }

    public boolean isStale(AsOf asOf, LocalDate decidedOn) {
        return asOf.olderThan(days, decidedOn);
    }
}
