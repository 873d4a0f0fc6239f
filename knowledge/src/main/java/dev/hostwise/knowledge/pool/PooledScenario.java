package dev.hostwise.knowledge.pool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.knowledge.CostBasis;
import dev.hostwise.knowledge.PricingMode;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.TrafficProfile;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Several teams' workloads as one scenario, served by one shared cluster. Each choice is stated, because
 * a reviewer will check them:
 *
 * <ul>
 *   <li><b>volume</b>: the sum of the members' requests a day;</li>
 *   <li><b>traffic by hour</b>: each member's 24-hour profile weighted by its volume and added up (teams'
 *       peaks that fall at different hours flatten the pool's);</li>
 *   <li><b>tokens</b>: the volume-weighted mean of the members' prompt and completion tokens (or of their
 *       tokens per request when not every member splits them);</li>
 *   <li><b>hosted cost</b>: exactly the sum of what each member pays its hosted API per day, as a blended
 *       price per 1k tokens over the pooled tokens (the members may use different hosted models);</li>
 *   <li><b>ops</b>: one rotation for the pool, at the largest member's monthly ops budget (not one per team);
 *       <b>other costs</b> (egress, storage, load balancers) add up;</li>
 *   <li><b>latency</b>: the strictest member's target; <b>replica floor</b>: the highest; <b>utilisation</b>:
 *       the volume-weighted mean; <b>pricing mode</b>: the members' when they agree, else on-demand;</li>
 *   <li><b>task, quality need and privacy need</b>: the largest member's (the pool's model clears QUALITY for
 *       every member, as the rules decided, so judging it on the largest member's task is a fair summary);</li>
 *   <li><b>hardware</b>: the members' own when they all named the same model and the same hardware and
 *       throughput (measured only if all of them measured it at the same tokens per request); otherwise the
 *       pool's open model with {@code gpuType: auto}, so the catalog is searched for the cheapest
 *       configuration and the throughput estimated.</li>
 * </ul>
 */
public final class PooledScenario {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PooledScenario() {
    }

    /**
     * The pooled scenario, read through the scenario reader like any question.
     *
     * @param openModel the open model the pool would serve (catalog id); null keeps the members' own
     *                  (all of them named none)
     * @param members   the members' scenarios as asked, at least one
     */
    public static Scenario of(String openModel, List<Scenario> members, ScenarioReader reader) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one member");
        }
        double volume = members.stream().mapToDouble(Scenario::requestsPerDay).sum();
        Scenario largest = members.stream().max(Comparator.comparingDouble(Scenario::requestsPerDay)).orElseThrow();
        ObjectNode s = JSON.createObjectNode();
        s.put("requestsPerDay", Math.round(volume));

        boolean flat = members.stream().allMatch(m -> m.hourlyWeights() == null && m.peakToAverage() <= 1);
        if (!flat) {
            ArrayNode weights = s.putArray("hourlyWeights");
            for (int h = 0; h < 24; h++) {
                double w = 0;
                for (Scenario m : members) {
                    w += m.requestsPerDay() * TrafficProfile.of(m).share(h);
                }
                weights.add(w / volume);
            }
        }

        int tokens;
        if (members.stream().allMatch(Scenario::hasTokenSplit)) {
            int in = (int) Math.max(0, Math.round(weighted(members, m -> (double) m.inputTokens(), volume)));
            int out = (int) Math.max(0, Math.round(weighted(members, m -> (double) m.outputTokens(), volume)));
            s.put("inputTokens", in);
            s.put("outputTokens", out);
            tokens = in + out;
        } else {
            tokens = (int) Math.max(1, Math.round(weighted(members, m -> (double) m.effectiveTokensPerRequest(), volume)));
            s.put("tokensPerRequest", tokens);
        }
        double hostedPerDay = members.stream().mapToDouble(m -> CostBasis.of(m, 1).hostedPerDay()).sum();
        s.put("hostedPricePer1kTokens", hostedPerDay / (volume * tokens / 1000.0));

        s.put("utilization", weighted(members, Scenario::utilization, volume));
        s.put("opsCostPerMonth", members.stream().mapToDouble(Scenario::opsCostPerMonth).max().orElseThrow());
        s.put("otherCostPerMonth", members.stream().mapToDouble(Scenario::otherCostPerMonth).sum());
        s.put("maxSecondsPerRequest", members.stream().mapToDouble(Scenario::maxSecondsPerRequest).min().orElseThrow());
        s.put("minReplicas", members.stream().mapToInt(Scenario::minReplicas).max().orElseThrow());
        PricingMode mode = same(members, Scenario::pricingMode) ? largest.pricingMode() : PricingMode.ON_DEMAND;
        s.put("pricingMode", mode.name());
        members.stream().map(Scenario::contextTokens).filter(Objects::nonNull).max(Integer::compare)
                .ifPresent(c -> s.put("contextTokens", Math.max(c, tokens)));
        s.put("taskType", largest.taskType().name());
        s.put("qualityNeed", largest.qualityNeed().name());
        s.put("privacyNeed", largest.privacyNeed().name());

        hardware(s, openModel, members);
        return reader.fromJson(s);
    }

    private static void hardware(ObjectNode s, String openModel, List<Scenario> members) {
        Scenario first = members.get(0);
        boolean sameModel = same(members, Scenario::openModel) && Objects.equals(first.openModel(), openModel);
        boolean sameHardware = !first.searchesConfiguration() && first.requestsPerSecond() != null
                && same(members, Scenario::gpuType) && same(members, Scenario::gpusPerReplica)
                && same(members, Scenario::gpuDollarsPerHour) && same(members, Scenario::precision)
                && same(members, Scenario::requestsPerSecond);
        if (sameModel && sameHardware) {
            if (openModel != null) {
                s.put("openModel", openModel);
            }
            if (first.gpuType() != null) {
                s.put("gpuType", first.gpuType());
            }
            s.put("gpusPerReplica", first.gpusPerReplica());
            s.put("gpuDollarsPerHour", first.gpuDollarsPerHour());
            s.put("precision", first.precision().name());
            s.put("requestsPerSecond", first.requestsPerSecond());
            // a load test at one prompt length does not measure another
            boolean measured = members.stream().allMatch(Scenario::throughputMeasured)
                    && same(members, Scenario::effectiveTokensPerRequest);
            s.put("throughputMeasured", measured);
            if (same(members, Scenario::maxConcurrency) && first.maxConcurrency() != null) {
                s.put("maxConcurrency", first.maxConcurrency());
            }
            return;
        }
        // a shared model on hardware the catalog search chooses, its throughput estimated
        s.put("openModel", openModel != null ? openModel : first.openModel());
        s.put("gpuType", Scenario.AUTO);
        if (same(members, Scenario::precision) && first.precision() != null) {
            s.put("precision", first.precision().name());
        }
    }

    private static double weighted(List<Scenario> members, Function<Scenario, Double> value, double volume) {
        double sum = 0;
        for (Scenario m : members) {
            sum += m.requestsPerDay() * value.apply(m);
        }
        return sum / volume;
    }

    private static <T> boolean same(List<Scenario> members, Function<Scenario, T> value) {
        T first = value.apply(members.get(0));
        return members.stream().allMatch(m -> Objects.equals(value.apply(m), first));
    }
}
