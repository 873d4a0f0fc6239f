package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes an import into {@code hosted-models.yaml} by editing its text, not by re-serialising it:
 * a YAML writer would drop every comment, re-quote every value and reorder hand-written rows. The
 * file's header, the comments between rows and every hand-written row stay exactly as they were;
 * only the blocks of rows the import adds, changes or removes are touched. A tracked row whose
 * content the import leaves as it was keeps its text too.
 *
 * <p>Rows are found with the YAML parser's own locations (where each item of {@code entries:}
 * starts), so any valid layout works; a row's block runs to the line before the next row, less the
 * blank and comment lines in between, which stay where they are. Rows the import writes come out
 * in one fixed layout, one key per line, and new rows go after the last row, ordered by provider
 * and ID. The managed line {@code # Last import: ...} in the header says where imported rows came
 * from; it is added above {@code updated:} the first time, and replaced after that.
 */
public final class HostedModelsFile {

    static final String LAST_IMPORT = "# Last import: ";
    private static final Pattern UPDATED = Pattern.compile("(?m)^updated:[ \\t]*([0-9]{4}-[0-9]{2}-[0-9]{2})");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9._/-]*");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

    private HostedModelsFile() {
    }

    /** Where one row's block sits: lines {@code first..last}, 0-based and inclusive. */
    private record Block(String id, int first, int last) {
    }

    /**
     * The file's text with the plan applied.
     *
     * @param text the current {@code hosted-models.yaml}
     */
    public static String apply(String text, PriceImportPlan plan) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        List<Block> blocks = blocks(text, lines);
        Map<String, HostedModel> replace = new HashMap<>();
        plan.updates().forEach(u -> {
            if (!u.before().equals(u.after())) {
                replace.put(u.before().id(), u.after());
            }
        });
        Set<String> remove = new java.util.HashSet<>();
        plan.removed().forEach(r -> remove.add(r.id()));
        String indent = blocks.isEmpty() ? "  " : lines.get(blocks.get(0).first()).replaceAll("^(\\s*).*", "$1");

        // from the bottom up, so earlier line numbers stay right
        int insertAt = blocks.isEmpty() ? lines.size() : blocks.get(blocks.size() - 1).last() + 1;
        List<String> added = new ArrayList<>();
        plan.added().stream().sorted(Comparator.comparing(HostedModel::provider).thenComparing(HostedModel::id))
                .forEach(m -> added.addAll(block(m, indent)));
        if (blocks.isEmpty()) {
            // an empty flow list takes block items only once it is a plain "entries:" key
            int entries = indexOf(lines, l -> l.matches("entries:\\s*\\[\\s*]\\s*"));
            if (entries >= 0 && !added.isEmpty()) {
                lines.set(entries, "entries:");
            }
            // trailing empty string from the final newline: insert before it
            insertAt = lines.isEmpty() || !lines.get(lines.size() - 1).isEmpty() ? lines.size() : lines.size() - 1;
        }
        lines.addAll(insertAt, added);
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Block b = blocks.get(i);
            if (remove.contains(b.id())) {
                lines.subList(b.first(), b.last() + 1).clear();
            } else if (replace.containsKey(b.id())) {
                lines.subList(b.first(), b.last() + 1).clear();
                lines.addAll(b.first(), block(replace.get(b.id()), indent));
            }
        }
        String out = String.join("\n", lines);
        if (plan.changesNoPrice() && replace.isEmpty()) {
            return out;
        }
        return stamped(out, plan);
    }

    /** The header's managed line and {@code updated:} date, set for this import. */
    private static String stamped(String text, PriceImportPlan plan) {
        LocalDate day = plan.stamp().asOf().latest();
        Matcher updated = UPDATED.matcher(text);
        if (updated.find() && LocalDate.parse(updated.group(1)).isBefore(day)) {
            text = text.substring(0, updated.start()) + "updated: " + day + text.substring(updated.end());
        }
        String note = LAST_IMPORT + plan.stamp().asOf() + " from " + plan.stamp().source() + " (providers "
                + String.join(", ", plan.providers()) + "); rows with litellmKey are kept current by"
                + " `hostwise catalog import-prices`, rows without it are hand-written and never touched.";
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int entries = indexOf(lines, l -> l.startsWith("entries:"));
        int limit = entries < 0 ? lines.size() : entries;
        int existing = indexOf(lines.subList(0, limit), l -> l.startsWith(LAST_IMPORT));
        if (existing >= 0) {
            lines.set(existing, note);
        } else {
            int at = indexOf(lines.subList(0, limit), l -> l.startsWith("updated:"));
            lines.add(at < 0 ? 0 : at, note);
        }
        return String.join("\n", lines);
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> p) {
        for (int i = 0; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Each row of {@code entries:} with the lines it spans, from the YAML parser's locations. */
    private static List<Block> blocks(String text, List<String> lines) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Integer> starts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int end = lines.size();
        try (JsonParser p = yaml.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new CatalogException(Catalog.HOSTED_MODELS, 1, "must be a mapping with 'updated:' and 'entries:'");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (!"entries".equals(key) || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    starts.add(p.currentTokenLocation().getLineNr() - 1);
                    JsonNode row = yaml.readTree(p);
                    ids.add(row.path("id").asText(""));
                }
                JsonToken after = p.nextToken();
                if (after != null) {
                    end = p.currentTokenLocation().getLineNr() - 1;
                }
                break;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int first = starts.get(i);
            // a lone "-" on the line above belongs to this row
            while (first > 0 && lines.get(first - 1).strip().equals("-")) {
                first--;
            }
            int last = (i + 1 < starts.size() ? starts.get(i + 1) : end) - 1;
            while (last > first && isGap(lines.get(last))) {
                last--;
            }
            blocks.add(new Block(ids.get(i), first, last));
        }
        return blocks;
    }

    private static boolean isGap(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#") || t.equals("-");
    }

    /** One row in the layout imports write: one key per line, strings quoted where YAML needs it. */
    static List<String> block(HostedModel m, String indent) {
        String in = indent + "  ";
        List<String> out = new ArrayList<>();
        out.add(indent + "- id: " + m.id());
        out.add(in + "name: " + quoted(m.name()));
        out.add(in + "provider: " + scalar(m.provider()));
        out.add(in + "inputPer1M: " + price(m.inputPer1M()));
        out.add(in + "outputPer1M: " + price(m.outputPer1M()));
        if (m.cachedInputPer1M() != null) {
            out.add(in + "cachedInputPer1M: " + price(m.cachedInputPer1M()));
        }
        if (m.hasBatchPrice()) {
            out.add(in + "batchInputPer1M: " + price(m.batchInputPer1M()));
            out.add(in + "batchOutputPer1M: " + price(m.batchOutputPer1M()));
        }
        out.add(in + "asOf: " + quoted(m.asOf().text()));
        if (m.effective() != null) {
            out.add(in + "effective: " + quoted(m.effective()));
        }
        out.add(in + "confidence: " + m.confidence());
        out.add(in + "source: " + quoted(m.source()));
        if (m.litellmKey() != null) {
            out.add(in + "litellmKey: " + scalar(m.litellmKey()));
        }
        return out;
    }

    /** A price with at least two decimals, and as many more as it has: 0.40, 0.025, 10.00. */
    static String price(double v) {
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        return (d.scale() < 2 ? d.setScale(2) : d).toPlainString();
    }

    private static String scalar(String s) {
        return PLAIN.matcher(s).matches() && !YAML_WORDS.contains(s.toLowerCase(Locale.ROOT)) ? s : quoted(s);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
