package dev.hostwise.knowledge.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps LiteLLM's price entries to hosted-model catalog rows, and compares them with the rows the
 * catalog has. The rules (also in the README):
 *
 * <ol>
 *   <li><b>Provider.</b> An entry belongs to its {@code litellm_provider}. Only the providers asked for
 *       are read (by default {@code openai}, {@code anthropic}, {@code gemini} and {@code mistral}: the
 *       model makers' own APIs). Resellers and clouds ({@code azure}, {@code bedrock},
 *       {@code vertex_ai-*}, {@code openrouter}...) are other providers, so their duplicates of the same
 *       model, and their regional variants, stay out unless asked for.</li>
 *   <li><b>Which entries become rows.</b> Text generation priced per token: {@code mode} {@code chat}
 *       or {@code responses}, with both {@code input_cost_per_token} and {@code output_cost_per_token}.
 *       Skipped, and counted: other modes (embedding, image, audio, realtime, rerank, ocr...), entries
 *       priced only in other units, entries priced at zero, fine-tunes ({@code ft:...}), entries whose
 *       {@code deprecation_date} is on or before the import's date, and keys that still hold a
 *       {@code /} after the provider prefix (routed or regional variants).</li>
 *   <li><b>IDs.</b> The key without its provider prefix ({@code gemini/}, {@code mistral/}...), lowercased,
 *       with {@code _ : @ /} and spaces turned into {@code -}, and a trailing {@code -latest} dropped:
 *       {@code mistral/mistral-large-latest} is {@code mistral-large}. Anthropic's version pairs become
 *       dotted, as the catalog writes them: {@code claude-sonnet-4-5} is {@code claude-sonnet-4.5}.
 *       Providers other than the four get their name appended: {@code groq}'s
 *       {@code llama-3.3-70b-versatile} is {@code llama-3.3-70b-versatile-groq}.</li>
 *   <li><b>Dated snapshots</b> ({@code -2025-04-14}, {@code -20251001}, {@code -0125}, {@code -2411},
 *       {@code -001}, {@code -preview-09-2025}) are skipped when the alias without the date is in the
 *       file too: the alias is what the provider serves under that name today. A snapshot whose alias
 *       is not listed becomes a row under its own ID. When two keys give one ID, the {@code -latest}
 *       alias wins, else the first in the file.</li>
 *   <li><b>Matching the catalog.</b> A catalog row with {@code litellmKey} tracks that key: it is updated
 *       from the key's entry (whatever the rules above say about new rows), and is <em>removed</em> only
 *       when the key has gone from the file, or no longer has per-token prices. A row without
 *       {@code litellmKey} is hand-written and never touched: when an entry's ID is a hand-written
 *       row's, the entry is reported and skipped.</li>
 * </ol>
 *
 * Prices become dollars per 1M tokens (exact decimal arithmetic: 1.5e-07 per token is $0.15). Rows an
 * import writes carry {@code asOf} (the import's date), {@code source}, confidence {@code high} and
 * {@code litellmKey}; a changed price drops the row's {@code effective} text, which no longer applies.
 */
public final class PriceImport {

    /** The model makers' own APIs: what is imported unless other providers are asked for. */
    public static final List<String> DEFAULT_PROVIDERS = List.of("openai", "anthropic", "gemini", "mistral");

    private static final Set<String> TEXT_MODES = Set.of("chat", "responses");
    private static final Map<String, String> PROVIDER_LABELS = Map.ofEntries(
            Map.entry("openai", "OpenAI"), Map.entry("anthropic", "Anthropic"), Map.entry("gemini", "Google"),
            Map.entry("mistral", "Mistral"), Map.entry("deepseek", "DeepSeek"), Map.entry("groq", "Groq"),
            Map.entry("xai", "xAI"), Map.entry("deepinfra", "DeepInfra"), Map.entry("together_ai", "Together AI"),
            Map.entry("fireworks_ai", "Fireworks AI"), Map.entry("cohere_chat", "Cohere"), Map.entry("cerebras", "Cerebras"));
    private static final Pattern SNAPSHOT = Pattern.compile(
            "(.+?)(-\\d{4}-\\d{2}-\\d{2}|-\\d{8}|-\\d{3,4}|-preview-\\d{2}-\\d{4}|@\\d{8})");
    private static final Pattern ANTHROPIC_VERSION = Pattern.compile("-(\\d)-(\\d)(?=-|$)");
    /** The catalog's ID form (see CatalogChecks). */
    private static final Pattern VALID_ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** What an import stamps on the rows it writes. */
    public record Stamp(AsOf asOf, String source) {
        public Stamp {
            CatalogChecks.present("asOf", asOf);
            CatalogChecks.source(source);
        }
    }

    private final LiteLlmPriceFile file;
    private final List<String> providers;
    private final Stamp stamp;

    /** @param providers LiteLLM provider names to read, e.g. {@code openai}; see {@link #DEFAULT_PROVIDERS} */
    public PriceImport(LiteLlmPriceFile file, Collection<String> providers, Stamp stamp) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("name at least one provider, e.g. openai");
        }
        this.file = file;
        this.providers = providers.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        this.stamp = stamp;
    }

    /** Compares the file with the catalog's hosted-model rows. Nothing is changed. */
    public PriceImportPlan against(Collection<HostedModel> catalogRows) {
        LocalDate day = stamp.asOf().latest();
        Map<String, Integer> skipped = new TreeMap<>();
        Map<String, LiteLlmPriceFile.Entry> candidates = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        file.duplicateKeys().forEach(k -> notes.add("\"" + k + "\" appears more than once in the file; its last entry was read"));

        for (LiteLlmPriceFile.Entry e : file.entries().values()) {
            String provider = e.provider() == null ? "" : e.provider().toLowerCase(Locale.ROOT);
            if (!providers.contains(provider)) {
                count(skipped, "other providers");
            } else if (!TEXT_MODES.contains(e.mode())) {
                count(skipped, "mode " + (e.mode() == null ? "not given" : e.mode()));
            } else if (e.key().startsWith("ft:")) {
                count(skipped, "fine-tunes");
            } else if (!e.pricedPerToken()) {
                count(skipped, e.otherUnits().isEmpty() ? "no per-token price" : "priced in other units");
            } else if (e.inputPerToken().signum() == 0 && e.outputPerToken().signum() == 0) {
                count(skipped, "priced at zero");
            } else if (e.deprecationDate() != null && !e.deprecationDate().isAfter(day)) {
                count(skipped, "deprecated");
            } else if (name(e).contains("/")) {
                count(skipped, "routed or regional variants");
            } else if (!VALID_ID.matcher(id(e)).matches()) {
                count(skipped, "keys that make no catalog ID");
            } else {
                String id = id(e);
                LiteLlmPriceFile.Entry other = candidates.get(id);
                if (other == null || (!other.key().endsWith("-latest") && e.key().endsWith("-latest"))) {
                    candidates.put(id, e);
                }
                if (other != null) {
                    count(skipped, "second key for one ID");
                }
            }
        }
        // a dated snapshot gives way to its alias, when the alias is listed too
        candidates.entrySet().removeIf(c -> {
            Matcher m = SNAPSHOT.matcher(name(c.getValue()));
            if (m.matches() && candidates.containsKey(idFor(m.group(1), c.getValue().provider()))
                    && !idFor(m.group(1), c.getValue().provider()).equals(c.getKey())) {
                count(skipped, "dated snapshots of a listed alias");
                return true;
            }
            return false;
        });

        Map<String, HostedModel> byKey = new LinkedHashMap<>();
        Map<String, HostedModel> byId = new LinkedHashMap<>();
        for (HostedModel row : catalogRows) {
            byId.put(row.id(), row);
            if (row.imported()) {
                byKey.put(row.litellmKey(), row);
            }
        }
        List<HostedModel> added = new ArrayList<>();
        List<PriceImportPlan.Update> updated = new ArrayList<>();
        List<HostedModel> removed = new ArrayList<>();
        List<PriceImportPlan.Shadowed> shadowed = new ArrayList<>();

        for (HostedModel row : byKey.values()) {
            if (!providers.contains(providerOf(row))) {
                continue;
            }
            LiteLlmPriceFile.Entry e = file.entries().get(row.litellmKey());
            if (e == null || !e.pricedPerToken()) {
                removed.add(row);
            } else {
                HostedModel after = updatedRow(row, e);
                updated.add(new PriceImportPlan.Update(row, after));
                if (e.deprecationDate() != null && !e.deprecationDate().isAfter(day)) {
                    notes.add(row.id() + ": the file marks \"" + e.key() + "\" deprecated on " + e.deprecationDate()
                            + "; its prices were still updated");
                }
            }
        }
        for (Map.Entry<String, LiteLlmPriceFile.Entry> c : candidates.entrySet()) {
            LiteLlmPriceFile.Entry e = c.getValue();
            if (byKey.containsKey(e.key())) {
                continue;
            }
            HostedModel taken = byId.get(c.getKey());
            if (taken != null) {
                shadowed.add(new PriceImportPlan.Shadowed(taken, newRow(c.getKey(), e)));
                continue;
            }
            added.add(newRow(c.getKey(), e));
        }
        return new PriceImportPlan(file.name(), file.sha256(), file.entries().size(), providers, stamp, added, updated, removed,
                shadowed, skipped, notes);
    }

    private HostedModel newRow(String id, LiteLlmPriceFile.Entry e) {
        String provider = e.provider().toLowerCase(Locale.ROOT);
        return new HostedModel(id, name(e), PROVIDER_LABELS.getOrDefault(provider, e.provider()),
                per1M(e.inputPerToken()), per1M(e.outputPerToken()), per1MOrNull(e.cacheReadPerToken()),
                batch(e) ? per1M(e.batchInputPerToken()) : null, batch(e) ? per1M(e.batchOutputPerToken()) : null,
                stamp.asOf(), null, "high", stamp.source(), e.key());
    }

    private HostedModel updatedRow(HostedModel row, LiteLlmPriceFile.Entry e) {
        HostedModel fresh = newRow(row.id(), e);
        boolean samePrices = PriceImportPlan.samePrices(row, fresh);
        return new HostedModel(row.id(), row.name(), row.provider(), fresh.inputPer1M(), fresh.outputPer1M(),
                fresh.cachedInputPer1M(), fresh.batchInputPer1M(), fresh.batchOutputPer1M(), stamp.asOf(),
                samePrices ? row.effective() : null, "high", stamp.source(), row.litellmKey());
    }

    /** Both batch prices, or none: half a batch price is no price the catalog can use. */
    private static boolean batch(LiteLlmPriceFile.Entry e) {
        return e.batchInputPerToken() != null && e.batchOutputPerToken() != null;
    }

    /** The provider a tracked row belongs to: its key's prefix, else its label read back. */
    private String providerOf(HostedModel row) {
        LiteLlmPriceFile.Entry e = file.entries().get(row.litellmKey());
        if (e != null && e.provider() != null) {
            return e.provider().toLowerCase(Locale.ROOT);
        }
        int slash = row.litellmKey().indexOf('/');
        if (slash > 0) {
            return row.litellmKey().substring(0, slash).toLowerCase(Locale.ROOT);
        }
        return PROVIDER_LABELS.entrySet().stream().filter(l -> l.getValue().equals(row.provider()))
                .map(Map.Entry::getKey).findFirst().orElse(row.provider().toLowerCase(Locale.ROOT));
    }

    /** The key without its {@code provider/} prefix. */
    private static String name(LiteLlmPriceFile.Entry e) {
        String prefix = e.provider() + "/";
        return e.key().regionMatches(true, 0, prefix, 0, prefix.length()) ? e.key().substring(prefix.length()) : e.key();
    }

    private static String id(LiteLlmPriceFile.Entry e) {
        return idFor(name(e), e.provider());
    }

    static String idFor(String name, String litellmProvider) {
        String provider = litellmProvider.toLowerCase(Locale.ROOT);
        String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-|-$", "");
        if (id.endsWith("-latest")) {
            id = id.substring(0, id.length() - "-latest".length());
        }
        if (provider.equals("anthropic")) {
            id = ANTHROPIC_VERSION.matcher(id).replaceAll("-$1.$2");
        }
        if (!DEFAULT_PROVIDERS.contains(provider)) {
            id = id + "-" + provider.replaceAll("[^a-z0-9]+", "-");
        }
        return id;
    }

    static double per1M(BigDecimal perToken) {
        return perToken.multiply(MILLION).doubleValue();
    }

    private static Double per1MOrNull(BigDecimal perToken) {
        return perToken == null ? null : per1M(perToken);
    }

    private static void count(Map<String, Integer> skipped, String why) {
        skipped.merge(why, 1, Integer::sum);
    }
}
