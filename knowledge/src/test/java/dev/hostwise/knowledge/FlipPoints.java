package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoublePredicate;

/**
 * Checks a flip point the way a user would read it: the condition is as reported at the entered
 * value, it changes just past the flip point, and nothing changes on the way there.
 */
final class FlipPoints {

    /** How far past a flip point (relative) the condition must have changed. */
    static final double JUST_PAST = 1e-7;

    private FlipPoints() {
    }

    /**
     * @param holdsAt whether the condition holds with the input set to a value, everything else as entered
     * @param steps   how many values on the way to the flip are checked
     * @return false when there is no flip point, or it lies where the input cannot go (utilisation past 1)
     */
    static boolean check(InputSensitivity i, DoublePredicate holdsAt, int steps, String what) {
        assertThat(holdsAt.test(i.value())).as("as entered: " + what).isEqualTo(i.holdsNow());
        if (i.flipAt() == null) {
            return false;
        }
        double direction = Math.signum(i.flipAt() - i.value());
        double past = i.flipAt() * (1 + direction * JUST_PAST);
        if (i.input().equals("utilization") && past > 1) {
            return false;
        }
        assertThat(holdsAt.test(past)).as("just past: " + what).isEqualTo(!i.holdsNow());
        for (int k = 1; k < steps; k++) {
            double before = i.value() + (i.flipAt() * (1 - direction * JUST_PAST) - i.value()) * k / (steps - 1);
            assertThat(holdsAt.test(before)).as("on the way, at " + before + ": " + what).isEqualTo(i.holdsNow());
        }
        return true;
    }
}
