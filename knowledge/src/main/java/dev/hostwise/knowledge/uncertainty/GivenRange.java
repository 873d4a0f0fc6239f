package dev.hostwise.knowledge.uncertainty;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * A range a user gave for one uncertain input ({@code ranges: {"utilization": [0.2, 0.5]}}): the
 * lowest and highest value they find plausible. Draws fall anywhere between them with equal
 * likelihood. Equal ends pin the input: it is then not uncertain at all.
 *
 * <p>In JSON it is the two-element list {@code [low, high]}.
 */
public record GivenRange(double low, double high) {

    public GivenRange {
        if (!(Double.isFinite(low) && Double.isFinite(high))) {
            throw new IllegalArgumentException("needs two finite numbers, got [" + low + ", " + high + "]");
        }
        if (low > high) {
            throw new IllegalArgumentException("is reversed: the low end comes first");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static GivenRange fromJson(List<Double> pair) {
        if (pair == null || pair.size() != 2 || pair.get(0) == null || pair.get(1) == null) {
            throw new IllegalArgumentException("a range is a list of two numbers, [low, high]");
        }
        return new GivenRange(pair.get(0), pair.get(1));
    }

    @JsonValue
    public List<Double> asList() {
        return List.of(low, high);
    }

    /** True when the value lies within the range, ends included. */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
