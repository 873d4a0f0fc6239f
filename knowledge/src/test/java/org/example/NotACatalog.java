package org.example;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A record outside the classes a catalog is made of: the catalog cache must refuse an entry naming it, and never
 * make one from bytes.
 */
public record NotACatalog(String note) {

    /** How many were made, in any way. */
    public static final AtomicInteger MADE = new AtomicInteger();

    public NotACatalog {
        MADE.incrementAndGet();
    }
}
