package dev.hostwise.bot.replay;

/** One thing that differs between a stored verdict and the same scenario decided again. */
public record VerdictChange(String what, String before, String after) {

    @Override
    public String toString() {
        return what + ": " + before + " -> " + after;
    }
}
