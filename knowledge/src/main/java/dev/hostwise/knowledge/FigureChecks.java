package dev.hostwise.knowledge;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The last check before the rules and the charts see a verdict's numbers: the fleet is within
 * {@link FleetBound}, and every figure (the cost model's, the estimate's, the search's, each flip
 * point) is a finite number. A non-finite figure once reached the rules and came back as a 500
 * ("Infinite or NaN"); now it is a field error.
 *
 * <p>Within the fields' bounds this never fires: {@code BoundsMakeFiguresFiniteTest} prices the
 * bounds' corners and thousands of generated scenarios to show it. It stays as the guard for what the
 * bounds do not cover (a catalog edit, a scenario read back from an older store).
 */
public final class FigureChecks {

    /**
     * Each record type's components, read once: {@code Class.getRecordComponents} builds them anew on every
     * call, and doing so for every record of every decision was a quarter of a decision's time.
     */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private FigureChecks() {
    }

    /** Throws {@link InvalidScenarioException} when the fleet is too large or a figure is not finite. */
    public static void require(Scenario priced, Figures figures, Sensitivity sensitivity) {
        if (figures.requestsPerSecond() > 0 && Double.isFinite(figures.requestsPerSecond())) {
            FleetBound.check(priced, figures.requestsPerSecond()).ifPresent(e -> {
                throw new InvalidScenarioException(List.of(e));
            });
        }
        Optional<String> bad = nonFinite("figures", figures).or(() -> nonFinite("sensitivity", sensitivity));
        bad.ifPresent(figure -> {
            throw new InvalidScenarioException(List.of(culprit(priced, figure)));
        });
    }

    /**
     * Throws {@link InvalidScenarioException} when a figure derived after the checks above (the Monte Carlo's
     * probabilities and saving percentiles, named {@code name}) is not finite.
     */
    public static void requireFinite(Scenario priced, String name, Object derived) {
        nonFinite(name, derived).ifPresent(figure -> {
            throw new InvalidScenarioException(List.of(culprit(priced, figure)));
        });
    }

    /** The path of the first figure that is NaN or infinite, e.g. "figures.breakEvenRequestsPerHour". */
    static Optional<String> nonFinite(String path, Object value) {
        String bad = firstNonFinite(value);
        return bad == null ? Optional.empty() : Optional.of(path + bad);
    }

    /**
     * Where below {@code value} the first non-finite figure is ("" for the value itself, ".x[2].y" below it), or
     * null when every figure is finite. Runs on every decision, so the path is only spelled out for a figure
     * that fails, and each record type's components are looked up once.
     */
    private static String firstNonFinite(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? null : "";
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? null : "";
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String bad = firstNonFinite(list.get(i));
                if (bad != null) {
                    return "[" + i + "]" + bad;
                }
            }
            return null;
        }
        if (value.getClass().isRecord()) {
            for (RecordComponent c : COMPONENTS.get(value.getClass())) {
                String bad = firstNonFinite(read(c, value));
                if (bad != null) {
                    return "." + c.getName() + bad;
                }
            }
        }
        return null;
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }

    /**
     * The error for a non-finite figure, on the input nearest the end of its range (the one that most
     * likely drove the figure out of the numbers), naming the others that are near theirs.
     */
    static FieldError culprit(Scenario s, String figure) {
        List<Extreme> extremes = new ArrayList<>();
        for (FieldMetadata m : FieldMetadata.ALL) {
            if (m.min().isEmpty() || m.field().kind() == ScenarioField.Kind.HOURLY_WEIGHTS) {
                continue;
            }
            Double v = value(s, m.field());
            if (v == null) {
                continue;
            }
            // how many factors of ten from the nearer end of the range, on a log scale (0 at the bound itself)
            double lo = Math.max(m.min().get(), 1e-12);
            double toLow = Math.log10(Math.max(v, 1e-12) / lo);
            double toHigh = Math.log10(m.max().get() / Math.max(v, 1e-12));
            extremes.add(new Extreme(m.field(), v, Math.min(toLow, toHigh)));
        }
        extremes.sort(Comparator.comparingDouble(Extreme::decadesFromEnd));
        List<String> near = extremes.stream().filter(e -> e.decadesFromEnd() <= 1).map(e -> e.field().json() + " "
                + FieldMetadata.number(e.value())).toList();
        String field = extremes.isEmpty() ? "scenario" : extremes.get(0).field().json();
        return new FieldError(field, String.format(Locale.ROOT, "gives %s that is not a finite number, so it cannot be priced%s:"
                + " bring the inputs nearer to a real workload", figure,
                near.isEmpty() ? "" : " (inputs near the end of their range: " + String.join(", ", near) + ")"));
    }

    private record Extreme(ScenarioField field, double value, double decadesFromEnd) {
    }

    private static Double value(Scenario s, ScenarioField f) {
        Object v = switch (f) {
            case REQUESTS_PER_DAY -> s.requestsPerDay();
            case PEAK_TO_AVERAGE -> s.peakToAverage();
            case TOKENS_PER_REQUEST -> s.tokensPerRequest();
            case INPUT_TOKENS -> s.inputTokens();
            case OUTPUT_TOKENS -> s.outputTokens();
            case CONTEXT_TOKENS -> s.contextTokens();
            case HOSTED_PRICE_PER_1K_TOKENS -> s.hostedPricePer1kTokens();
            case HOSTED_INPUT_PRICE_PER_1M -> s.hostedInputPricePer1M();
            case HOSTED_OUTPUT_PRICE_PER_1M -> s.hostedOutputPricePer1M();
            case GPU_DOLLARS_PER_HOUR -> s.gpuDollarsPerHour();
            case GPUS_PER_REPLICA -> s.gpusPerReplica();
            case MIN_REPLICAS -> s.minReplicas();
            case REQUESTS_PER_SECOND -> s.requestsPerSecond();
            case MAX_SECONDS_PER_REQUEST -> s.maxSecondsPerRequest();
            case MAX_CONCURRENCY -> s.maxConcurrency();
            case UTILIZATION -> s.utilization();
            case OPS_COST_PER_MONTH -> s.opsCostPerMonth();
            case OTHER_COST_PER_MONTH -> s.otherCostPerMonth();
            default -> null;
        };
        return v == null ? null : ((Number) v).doubleValue();
    }
}
