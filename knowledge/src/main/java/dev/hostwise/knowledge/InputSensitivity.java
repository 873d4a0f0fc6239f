package dev.hostwise.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How one numeric input bears on the VOLUME condition, others fixed.
 *
 * @param input    the scenario field, by its JSON name
 * @param value    the value used
 * @param flipAt   the nearest value at which the condition changes: just past it, moving away from
 *                 {@code value}, the condition no longer says what it says now; null when no allowed value flips it
 * @param holdsNow whether the condition (self-hosting all-in costs less per day) holds at {@code value}
 * @param tornado  daily saving at -50% and +50%
 */
public record InputSensitivity(@JsonIgnore String input, double value, Double flipAt, boolean holdsNow,
                               TornadoBar tornado) {

    /** True when self-hosting wins on the high side of {@code flipAt}; false when on the low side or nothing flips. */
    @JsonIgnore
    public boolean winsAbove() {
        return flipAt != null && (holdsNow ? value > flipAt : flipAt > value);
    }
}
