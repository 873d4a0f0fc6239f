package dev.hostwise.knowledge.uncertainty;

import dev.hostwise.knowledge.CostBasis;
import dev.hostwise.knowledge.ErrorBand;
import dev.hostwise.knowledge.Figures;
import dev.hostwise.knowledge.PricingMode;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.ThroughputSource;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.GpuPrice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which inputs of a priced scenario are uncertain, and the range each may plausibly take, with where
 * that range comes from in words a reviewer can check:
 *
 * <ul>
 *   <li><b>throughput</b>: the estimate's own error band when estimated; ±10% when measured (a load
 *       test repeated varies that much run to run); ±50% when guessed;</li>
 *   <li><b>GPU price</b>: when the price is the catalog's, from the cheapest to the dearest provider the
 *       catalog lists for that GPU and pricing type; otherwise ±20%;</li>
 *   <li><b>hosted price</b>: ±10% (list prices are published, but discounts and price changes within the
 *       horizon move them; the catalog lists one provider per hosted model);</li>
 *   <li><b>utilisation</b>: ±50% of the value, at most 100% (it is a guess); not varied when autoscaled,
 *       where it plays no part;</li>
 *   <li><b>volume</b>: with {@code volumeGrowthPerMonth} over {@code horizonMonths} (12 unless given), from
 *       today's volume to the horizon's, log-uniform: compound growth at a uniformly drawn month;</li>
 *   <li>any input named in {@code ranges}: exactly the range given, every value equally likely.</li>
 * </ul>
 *
 * Bands around a value are triangular, most likely at the value the verdict used.
 */
public final class UncertainInputs {

    /** A repeated load test of the same prompts on the same engine varies about this much. */
    public static final double MEASURED_THROUGHPUT_BAND = 0.10;
    /** A throughput nobody measured or estimated: wider than the estimator's worst band. */
    public static final double GUESSED_THROUGHPUT_BAND = 0.50;
    /** A GPU price typed, defaulted, or listed by only one provider in the catalog. */
    public static final double GPU_PRICE_BAND = 0.20;
    /** A hosted list price: discounts and price changes within the horizon. */
    public static final double HOSTED_PRICE_BAND = 0.10;
    /** Utilisation is a guess about how busy the replicas will be. */
    public static final double UTILIZATION_BAND = 0.50;
    /** The horizon when volume growth is given without one. */
    public static final int DEFAULT_HORIZON_MONTHS = 12;
    /** A band never reaches zero: a throughput or price of 0 means nothing. */
    private static final double LOWEST_FRACTION_OF_VALUE = 0.05;

    private UncertainInputs() {
    }

    /**
     * The ranges for a scenario as priced (a searched scenario as the configuration chosen), in
     * scenario field order.
     *
     * @param priced  the scenario the figures were priced on
     * @param figures its figures (the throughput used, where it came from, the estimate's band)
     * @param catalog the catalog in force, for the providers' GPU prices
     */
    public static List<InputRange> derive(Scenario priced, Figures figures, Catalog catalog) {
        CostBasis b = CostBasis.of(priced, figures.requestsPerSecond());
        Map<String, InputRange> ranges = new LinkedHashMap<>();
        volume(priced).ifPresent(r -> ranges.put(r.input(), r));
        hosted(priced, b).forEach(r -> ranges.put(r.input(), r));
        ranges.put(ScenarioField.GPU_DOLLARS_PER_HOUR.json(), gpuPrice(priced, catalog));
        ranges.put(ScenarioField.REQUESTS_PER_SECOND.json(), throughput(figures));
        if (priced.pricingMode() != PricingMode.AUTOSCALED) {
            double u = priced.utilization();
            ranges.put(ScenarioField.UTILIZATION.json(), new InputRange(ScenarioField.UTILIZATION.json(), u,
                    u * (1 - UTILIZATION_BAND), Math.min(1, u * (1 + UTILIZATION_BAND)), InputRange.Spread.TRIANGULAR,
                    "a guess: ±" + pct(UTILIZATION_BAND) + " of " + pct(u) + ", at most 100% (Hostwise's default)"));
        }
        if (priced.ranges() != null) {
            priced.ranges().forEach((input, given) -> ranges.put(input, given(input, given, valueOf(input, b))));
        }
        List<InputRange> ordered = new ArrayList<>(ranges.values());
        List<String> order = CostInputs.names();
        ordered.sort(Comparator.comparingInt(r -> order.indexOf(r.input())));
        return List.copyOf(ordered);
    }

    private static Optional<InputRange> volume(Scenario s) {
        Double growth = s.volumeGrowthPerMonth();
        if (growth == null || growth == 0) {
            return Optional.empty();
        }
        int months = s.horizonMonths() == null ? DEFAULT_HORIZON_MONTHS : s.horizonMonths();
        double today = s.requestsPerDay();
        // held inside the volume's own bounds, as a volume typed in would be: growth cannot price a workload no one could type
        dev.hostwise.knowledge.FieldMetadata bounds = dev.hostwise.knowledge.FieldMetadata.of(ScenarioField.REQUESTS_PER_DAY);
        double then = Math.max(bounds.min().orElseThrow(), Math.min(bounds.max().orElseThrow(),
                today * Math.pow(1 + growth, months)));
        return Optional.of(new InputRange(ScenarioField.REQUESTS_PER_DAY.json(), today, Math.min(today, then), Math.max(today, then),
                InputRange.Spread.LOG_UNIFORM, String.format(Locale.ROOT,
                        "%s%% a month over %d months: from today's %s to %s requests a day, any month alike",
                        signed(growth * 100), months, whole(today), whole(then))));
    }

    private static List<InputRange> hosted(Scenario s, CostBasis b) {
        String why = "a list price: ±" + pct(HOSTED_PRICE_BAND) + " for discounts and price changes (Hostwise's default)";
        if (b.hostedPrice().split()) {
            return List.of(
                    band(ScenarioField.HOSTED_INPUT_PRICE_PER_1M.json(), b.hostedPrice().inputPricePer1M(), HOSTED_PRICE_BAND, why),
                    band(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M.json(), b.hostedPrice().outputPricePer1M(), HOSTED_PRICE_BAND, why));
        }
        return List.of(band(ScenarioField.HOSTED_PRICE_PER_1K_TOKENS.json(), s.hostedPricePer1kTokens(), HOSTED_PRICE_BAND, why));
    }

    private static InputRange gpuPrice(Scenario s, Catalog catalog) {
        String input = ScenarioField.GPU_DOLLARS_PER_HOUR.json();
        double value = s.gpuDollarsPerHour();
        Optional<Gpu> gpu = s.gpuType() == null ? Optional.empty() : catalog.gpu(s.gpuType());
        if (gpu.isPresent()) {
            String type = s.pricingMode() == PricingMode.RESERVED && gpu.get().defaultReserved().isPresent() ? "reserved" : "on-demand";
            List<GpuPrice> listed = gpu.get().prices().stream().filter(p -> p.pricingType().equals(type)).toList();
            boolean catalogs = listed.stream().anyMatch(p -> p.usdPerGpuHour() == value);
            if (catalogs && listed.stream().mapToDouble(GpuPrice::usdPerGpuHour).distinct().count() > 1) {
                GpuPrice cheapest = listed.stream().min(Comparator.comparingDouble(GpuPrice::usdPerGpuHour)).orElseThrow();
                GpuPrice dearest = listed.stream().max(Comparator.comparingDouble(GpuPrice::usdPerGpuHour)).orElseThrow();
                return new InputRange(input, value, cheapest.usdPerGpuHour(), dearest.usdPerGpuHour(), InputRange.Spread.TRIANGULAR,
                        String.format(Locale.ROOT, "the catalog's %s prices for %s: %s (%s) to %s (%s), %d listed",
                                type, gpu.get().name(), money(cheapest.usdPerGpuHour()), cheapest.provider(),
                                money(dearest.usdPerGpuHour()), dearest.provider(), listed.size()));
            }
            if (catalogs) {
                return band(input, value, GPU_PRICE_BAND, "one " + type + " price in the catalog for " + gpu.get().name()
                        + ": ±" + pct(GPU_PRICE_BAND) + " (Hostwise's default)");
            }
        }
        return band(input, value, GPU_PRICE_BAND, "a price typed or defaulted, not the catalog's: ±" + pct(GPU_PRICE_BAND)
                + " (Hostwise's default)");
    }

    private static InputRange throughput(Figures f) {
        String input = ScenarioField.REQUESTS_PER_SECOND.json();
        double rps = f.requestsPerSecond();
        if (f.throughputSource() == ThroughputSource.ESTIMATED && f.estimate() != null) {
            ErrorBand band = f.estimate().errorBand();
            return band(input, rps, band.percent() / 100.0, "the estimate's error band: " + band.describe());
        }
        if (f.throughputSource() == ThroughputSource.MEASURED) {
            return band(input, rps, MEASURED_THROUGHPUT_BAND, "measured: ±" + pct(MEASURED_THROUGHPUT_BAND)
                    + " run to run (Hostwise's default)");
        }
        return band(input, rps, GUESSED_THROUGHPUT_BAND, "a guess: ±" + pct(GUESSED_THROUGHPUT_BAND) + " (Hostwise's default)");
    }

    /** A triangular band of ±fraction around the value, its low end kept above zero. */
    private static InputRange band(String input, double value, double fraction, String basis) {
        double low = value * Math.max(LOWEST_FRACTION_OF_VALUE, 1 - fraction);
        return new InputRange(input, value, low, value * (1 + fraction), InputRange.Spread.TRIANGULAR, basis);
    }

    private static InputRange given(String input, GivenRange given, double value) {
        double v = given.contains(value) ? value : (given.low() + given.high()) / 2;
        return new InputRange(input, v, given.low(), given.high(), InputRange.Spread.UNIFORM, String.format(Locale.ROOT,
                "given in ranges: %s to %s, any value alike", plain(given.low()), plain(given.high())));
    }

    /** The value the verdict priced an input at. */
    private static double valueOf(String input, CostBasis b) {
        return switch (ScenarioField.byJson(input).orElseThrow()) {
            case REQUESTS_PER_DAY -> b.requestsPerDay();
            case HOSTED_PRICE_PER_1K_TOKENS -> b.hostedPrice().pricePer1kTokens();
            case HOSTED_INPUT_PRICE_PER_1M -> b.hostedPrice().inputPricePer1M() == null ? 0 : b.hostedPrice().inputPricePer1M();
            case HOSTED_OUTPUT_PRICE_PER_1M -> b.hostedPrice().outputPricePer1M() == null ? 0 : b.hostedPrice().outputPricePer1M();
            case GPU_DOLLARS_PER_HOUR -> b.gpuDollarsPerHour();
            case REQUESTS_PER_SECOND -> b.requestsPerSecond();
            case UTILIZATION -> b.utilization();
            case OPS_COST_PER_MONTH -> b.opsCostPerMonth();
            case OTHER_COST_PER_MONTH -> b.otherCostPerMonth();
            default -> throw new IllegalArgumentException(input + " cannot be given a range");
        };
    }

    private static String pct(double fraction) {
        return Math.round(fraction * 100) + "%";
    }

    private static String signed(double d) {
        String s = plain(d);
        return d > 0 ? "+" + s : s;
    }

    private static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String whole(double d) {
        return String.format(Locale.ROOT, "%,d", Math.round(d));
    }

    private static String money(double d) {
        return String.format(Locale.ROOT, "$%.2f", d);
    }
}
