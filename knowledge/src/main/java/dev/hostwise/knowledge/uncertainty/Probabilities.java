package dev.hostwise.knowledge.uncertainty;

import java.util.List;

/**
 * How sure the cost case is: what a seeded Monte Carlo run over the uncertain inputs found. The
 * same inputs and seed always give the same figures.
 *
 * @param selfHostCheaper share of draws in which self-hosting costs less per day, all-in; this is
 *                        also the probability that the VOLUME condition holds
 * @param savingP10       daily saving from self-hosting (negative: it costs more) that 10% of draws fall below
 * @param savingP50       the median daily saving
 * @param savingP90       the daily saving that 90% of draws fall below
 * @param drivers         the uncertain inputs, most influential first
 * @param ranges          the ranges drawn from
 * @param draws           how many draws were made
 * @param seed            the seed, so anyone can repeat the run
 * @param histogram       the daily saving's distribution, for charts
 */
public record Probabilities(
        double selfHostCheaper,
        double savingP10,
        double savingP50,
        double savingP90,
        List<Driver> drivers,
        List<InputRange> ranges,
        int draws,
        long seed,
        Histogram histogram) {

    public Probabilities {
        drivers = List.copyOf(drivers);
        ranges = List.copyOf(ranges);
    }

    /** The input whose uncertainty moves the saving most, when any input is uncertain. */
    public java.util.Optional<Driver> strongestDriver() {
        return drivers.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(drivers.get(0));
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
    }
}
