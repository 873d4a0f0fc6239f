package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.TaskType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An open-weights model that could be self-hosted: the architecture figures the throughput estimate
 * needs (from the model's own config.json or its authoritative equivalent), the precisions it ships
 * in, and its quality fit per task type.
 *
 * <p>Mixture-of-experts models give their total and active parameters and {@link #moe()}; the routed
 * and shared parameters follow from those four numbers (see {@link #routedParamsBillion()}).
 *
 * @param family              the model line, e.g. {@code llama-3}, {@code qwen3}: the estimate's error
 *                            band says when no measured row covers it
 * @param paramsBillion       total parameters: what the weights take in memory
 * @param activeParamsBillion parameters each token passes through; null for a dense model (all of them)
 * @param kvBytesPerToken     KV-cache bytes one token of context occupies at 16 bits, in every layer
 *                            (before any local-attention window caps it): 2 (K and V) x layers x kvHeads
 *                            x headDim x 2 bytes, or for latent attention layers x (kvLoraRank +
 *                            qkRopeHeadDim) x 2 bytes; checked against those fields
 * @param localAttention      layers whose KV cache stops growing at a window; null when every layer is global
 * @param repo                where the weights are published (Hugging Face); null in a catalog written before it was kept
 * @param weightsGB           explicit weight sizes per precision, when the source gives them; otherwise
 *                            the size follows from the parameters and the precision's bits
 */
public record OpenModel(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String family,
        @JsonProperty(required = true) double paramsBillion,
        Double activeParamsBillion,
        @JsonProperty(required = true) int layers,
        @JsonProperty(required = true) int hiddenSize,
        @JsonProperty(required = true) int attentionHeads,
        @JsonProperty(required = true) int kvHeads,
        @JsonProperty(required = true) int headDim,
        @JsonProperty(required = true) AttentionKind attention,
        LatentAttention mla,
        LocalAttention localAttention,
        MixtureOfExperts moe,
        @JsonProperty(required = true) long kvBytesPerToken,
        @JsonProperty(required = true) int maxContextTokens,
        @JsonProperty(required = true) String licence,
        ModelRepo repo,
        @JsonProperty(required = true) AsOf asOf,
        @JsonProperty(required = true) String source,
        Boolean verify,
        @JsonProperty(required = true) List<ShippedPrecision> precisions,
        Map<String, Double> weightsGB,
        @JsonProperty(required = true) Map<TaskType, TaskFitEntry> taskFit,
        String taskFitSource) {

    public OpenModel {
        CatalogChecks.id(id);
        CatalogChecks.id(family);
        CatalogChecks.positive("paramsBillion", paramsBillion);
        CatalogChecks.positive("layers", layers);
        CatalogChecks.positive("hiddenSize", hiddenSize);
        CatalogChecks.positive("attentionHeads", attentionHeads);
        CatalogChecks.positive("kvHeads", kvHeads);
        CatalogChecks.positive("headDim", headDim);
        CatalogChecks.positive("maxContextTokens", maxContextTokens);
        CatalogChecks.source(licence);
        CatalogChecks.source(source);
        CatalogChecks.present("attention", attention);
        verify = Boolean.TRUE.equals(verify);
        checkAttention(attention, attentionHeads, kvHeads, mla);
        long expectedKv = attention == AttentionKind.MLA
                ? 2L * layers * mla.cachedPerTokenPerLayer()
                : 2L * layers * kvHeads * headDim * 2;
        if (kvBytesPerToken != expectedKv) {
            throw new IllegalArgumentException(id + ": kvBytesPerToken " + kvBytesPerToken + " does not match "
                    + (attention == AttentionKind.MLA ? "layers x (kvLoraRank + qkRopeHeadDim) x 2 bytes"
                    : "2 x layers x kvHeads x headDim x 2 bytes") + " = " + expectedKv);
        }
        if (localAttention != null && localAttention.layers() >= layers) {
            throw new IllegalArgumentException("localAttention.layers " + localAttention.layers() + " must be fewer than the "
                    + layers + " layers: some layer has to see the whole context");
        }
        checkExperts(paramsBillion, activeParamsBillion, moe, layers);
        CatalogChecks.present("precisions", precisions);
        precisions = List.copyOf(precisions);
        if (precisions.isEmpty()) {
            throw new IllegalArgumentException("precisions is empty; list the precisions the weights ship in");
        }
        Set<Precision> seen = EnumSet.noneOf(Precision.class);
        for (ShippedPrecision p : precisions) {
            if (!seen.add(p.precision())) {
                throw new IllegalArgumentException("precisions lists " + p.precision() + " twice");
            }
        }
        weightsGB = weightsGB == null ? Map.of() : Map.copyOf(weightsGB);
        weightsGB.forEach((k, v) -> {
            CatalogChecks.weightUnit(k);
            CatalogChecks.positive("weightsGB." + k, v);
        });
        CatalogChecks.present("taskFit", taskFit);
        for (TaskType t : TaskType.values()) {
            TaskFitEntry entry = taskFit.get(t);
            if (entry == null) {
                throw new IllegalArgumentException("taskFit has no entry for " + t + "; every task type needs one");
            }
            if (entry.source() == null && (taskFitSource == null || taskFitSource.isBlank())) {
                throw new IllegalArgumentException("taskFit " + t + " gives no source and the model has no taskFitSource;"
                        + " say where the fit comes from");
            }
        }
        taskFit = Map.copyOf(taskFit);
    }

    private static void checkAttention(AttentionKind attention, int heads, int kvHeads, LatentAttention mla) {
        switch (attention) {
            case MHA -> {
                if (kvHeads != heads) {
                    throw new IllegalArgumentException("attention MHA needs kvHeads equal to attentionHeads (" + heads
                            + "), got " + kvHeads + "; fewer KV heads is GQA");
                }
            }
            case GQA -> {
                if (kvHeads >= heads || heads % kvHeads != 0) {
                    throw new IllegalArgumentException("attention GQA needs fewer kvHeads than attentionHeads, dividing them"
                            + " evenly; got " + kvHeads + " for " + heads);
                }
            }
            case MLA -> {
                if (mla == null) {
                    throw new IllegalArgumentException("attention MLA needs mla: {kvLoraRank, qkRopeHeadDim}");
                }
            }
        }
        if (attention != AttentionKind.MLA && mla != null) {
            throw new IllegalArgumentException("mla is given but attention is " + attention + "; latent ranks belong to MLA");
        }
    }

    private static void checkExperts(double total, Double active, MixtureOfExperts moe, int layers) {
        if (moe == null) {
            if (active != null && active != total) {
                throw new IllegalArgumentException("activeParamsBillion " + active + " differs from paramsBillion " + total
                        + " but the model has no moe: give moe, or leave activeParamsBillion out");
            }
            return;
        }
        if (active == null) {
            throw new IllegalArgumentException("a mixture-of-experts model needs activeParamsBillion");
        }
        if (!(active > 0 && active < total)) {
            throw new IllegalArgumentException("activeParamsBillion " + active + " must be above 0 and below paramsBillion " + total);
        }
        if (moe.layers() > layers) {
            throw new IllegalArgumentException("moe.layers " + moe.layers() + " is more than the model's " + layers + " layers");
        }
        double perExpert = (total - active) / (moe.experts() - moe.activePerToken());
        double shared = active - moe.activePerToken() * perExpert;
        if (!(shared > 0)) {
            throw new IllegalArgumentException("total " + total + "B, active " + active + "B, " + moe.experts() + " experts, "
                    + moe.activePerToken() + " per token leave no shared parameters (attention, embeddings): check the figures");
        }
    }

    /** Parameters each token passes through: all of them for a dense model. */
    public double activeParams() {
        return (activeParamsBillion == null ? paramsBillion : activeParamsBillion) * 1e9;
    }

    /**
     * Parameters in the routed experts, over all MoE layers. With total P, active A, E experts and k
     * per token, one expert holds (P - A) / (E - k) and the routed experts E times that; checked
     * against the configs in the catalog file (e.g. Qwen3-235B-A22B: 128 x 94 x 3 x 4096 x 1536 = 227B,
     * derived 227B).
     */
    public double routedParamsBillion() {
        if (moe == null) {
            return 0;
        }
        return moe.experts() * (paramsBillion - activeParamsBillion) / (moe.experts() - moe.activePerToken());
    }

    /** Parameters every token uses: attention, embeddings, dense layers and shared experts. */
    public double sharedParamsBillion() {
        return paramsBillion - routedParamsBillion();
    }

    public TaskFit fitFor(TaskType task) {
        return taskFit.get(task).fit();
    }

    public TaskFitEntry taskFitEntry(TaskType task) {
        return taskFit.get(task);
    }

    /** Where a task's fit comes from: its own source, or the model's. */
    public String taskFitSourceFor(TaskType task) {
        TaskFitEntry entry = taskFit.get(task);
        return entry.source() != null ? entry.source() : taskFitSource;
    }

    /** True when an official or widely used checkpoint ships in this precision. */
    public boolean shipsIn(Precision precision) {
        for (ShippedPrecision p : precisions) {
            if (p.precision() == precision) {
                return true;
            }
        }
        return false;
    }

    /**
     * The format the weights are actually held in when {@code precision} is asked for. Hostwise never
     * inflates weights: asking a model that ships only in smaller formats for more bits (gpt-oss, MXFP4
     * only, asked for FP8) keeps the shipped weights, and the precision then only sets the arithmetic.
     * Asking for fewer bits than shipped means quantising them yourself, which is allowed.
     */
    public Precision weightFormat(Precision precision) {
        Precision largestShipped = null;
        for (ShippedPrecision p : precisions) {
            if (p.precision() == precision) {
                return precision;
            }
            if (largestShipped == null || p.precision().bitsPerWeight() > largestShipped.bitsPerWeight()) {
                largestShipped = p.precision();
            }
        }
        return precision.bitsPerWeight() > largestShipped.bitsPerWeight() ? largestShipped : precision;
    }

    /**
     * Weight bytes in this format: the catalog's explicit size when it gives one, else the parameters
     * times the format's bits. MXFP4 holds only the routed experts at 4.25 bits and the rest at 16, as
     * gpt-oss ships; a dense model has no routed experts, so all its weights take 4.25 bits.
     */
    public double weightBytes(Precision format) {
        Double explicit = weightsGB.get(format.catalogKey());
        if (explicit != null) {
            return explicit * 1e9;
        }
        double routed = routedParamsBillion() * 1e9;
        double shared = paramsBillion * 1e9 - routed;
        if (format == Precision.MXFP4 && moe != null) {
            return routed * format.bytesPerWeight() + shared * 2;
        }
        return (routed + shared) * format.bytesPerWeight();
    }

    /** Bytes of the routed experts in this format: what a decode step reads only for the experts it touches. */
    public double routedWeightBytes(Precision format) {
        if (moe == null) {
            return 0;
        }
        Double explicit = weightsGB.get(format.catalogKey());
        double computed = routedParamsBillion() * 1e9 * format.bytesPerWeight();
        // an explicit size scales the routed share in proportion, so shared + routed still add up
        return explicit == null ? computed : explicit * 1e9 * routedParamsBillion() / paramsBillion;
    }

    /** Weight bytes at this precision, when the catalog can size it. */
    public Optional<Double> weightBytesAt(Precision precision) {
        return Optional.of(weightBytes(weightFormat(precision)));
    }

    /**
     * The repository to serve the model from at a precision: that precision's checkpoint where the
     * catalog names one (16-bit precisions count as one), else the model's own repository; empty when
     * the catalog names neither.
     */
    public Optional<String> checkpointFor(Precision precision) {
        for (ShippedPrecision p : precisions) {
            if (p.repo() != null && (p.precision() == precision || (p.precision().sixteenBit() && precision.sixteenBit()))) {
                return Optional.of(p.repo());
            }
        }
        return Optional.ofNullable(repo).map(ModelRepo::id);
    }

    /** Every repository the catalog names for the model: its own and its precisions' checkpoints. */
    public List<String> repositories() {
        List<String> ids = new java.util.ArrayList<>();
        if (repo != null) {
            ids.add(repo.id());
        }
        precisions.stream().map(ShippedPrecision::repo).filter(java.util.Objects::nonNull).forEach(ids::add);
        return List.copyOf(ids);
    }
}
