package dev.hostwise.knowledge.uncertainty;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How sure the cost case is: what a seeded Monte Carlo run over the uncertain inputs found. The
 * same inputs and seed always give the same figures. Money is US dollars per day.
 *
 * @param selfHostCheaper share of draws in which self-hosting costs less per day, all-in
 * @param savingP10       daily saving from self-hosting (negative: it costs more) that 10% of draws fall below
 * @param savingP50       the median daily saving
 * @param savingP90       the daily saving that 90% of draws fall below
 * @param conditions      for each policy condition that depends on the numbers (the policy's
 *                        {@code conditions.yaml} says which), the share of draws in which it holds
 * @param drivers         the uncertain inputs, most influential first
 * @param ranges          the ranges drawn from, fixed ones included (they were not uncertain)
 * @param draws           how many draws were made; 0 when nothing was uncertain and the verdict's
 *                        own figures are the only case
 * @param seed            the seed, so anyone can repeat the run
 * @param histogram       the daily saving's distribution, for charts
 */
@JsonPropertyOrder({"selfHostCheaper", "savingP10", "savingP50", "savingP90", "conditions", "drivers", "ranges", "draws", "seed",
    "histogram"})
public record Probabilities(
        double selfHostCheaper,
        double savingP10,
        double savingP50,
        double savingP90,
        Map<String, Double> conditions,
        List<Driver> drivers,
        List<InputRange> ranges,
        int draws,
        long seed,
        Histogram histogram) {

    public Probabilities {
        conditions = conditions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
        drivers = List.copyOf(drivers);
        ranges = List.copyOf(ranges);
    }

    /** The same run, with the share of draws in which each numeric condition of the policy holds. */
    public Probabilities withConditions(Map<String, Double> byCondition) {
        return new Probabilities(selfHostCheaper, savingP10, savingP50, savingP90, byCondition, drivers, ranges, draws, seed,
                histogram);
    }

    /** The input whose uncertainty moves the saving most, when any input is uncertain. */
    @JsonIgnore
    public Optional<Driver> strongestDriver() {
        return drivers.isEmpty() ? Optional.empty() : Optional.of(drivers.get(0));
    }

    /** True when some input was uncertain; false when the draws were all the verdict's own case. */
    @JsonIgnore
    public boolean anyUncertain() {
        return !drivers.isEmpty();
    }

    /**
     * Equal-width bins of the daily saving.
     *
     * @param from   the lower edge of the first bin
     * @param width  each bin's width in dollars per day; 0 when every draw gave the same saving
     * @param counts draws per bin
     */
    public record Histogram(double from, double width, List<Integer> counts) {
        public Histogram {
            counts = List.copyOf(counts);
        }

        /** How many draws fell in the bins. */
        public int total() {
            return counts.stream().mapToInt(Integer::intValue).sum();
        }
    }
}
