package dev.hostwise.knowledge.catalog;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an import of LiteLLM's price file would do to the hosted-model catalog: the rows it adds, the
 * tracked rows it updates (with old and new prices), the tracked rows it removes because their key
 * has left the file, and the entries it leaves alone because a hand-written row owns their ID.
 *
 * @param file     the price file's name as given
 * @param sha256   the price file's SHA-256
 * @param entries  how many model entries the file has
 * @param updates  every tracked row of the providers read: changed or not, restamped with the import's date
 * @param shadowed entries whose ID is a hand-written row's: reported, never written
 * @param skipped  entries that became no row, counted by why
 * @param notes    anything else worth a line: duplicate keys, deprecations of tracked rows
 */
public record PriceImportPlan(String file, String sha256, int entries, List<String> providers, PriceImport.Stamp stamp,
                              List<HostedModel> added, List<Update> updates, List<HostedModel> removed,
                              List<Shadowed> shadowed, Map<String, Integer> skipped, List<String> notes) {

    /** A tracked row before and after the import. */
    public record Update(HostedModel before, HostedModel after) {
        /** True when any price moved (input, output, cached input or batch). */
        public boolean pricesChanged() {
            return !samePrices(before, after);
        }
    }

    /** An entry the import would have added, but the ID belongs to a hand-written row. */
    public record Shadowed(HostedModel handWritten, HostedModel fromFile) {
    }

    public PriceImportPlan {
        providers = List.copyOf(providers);
        added = List.copyOf(added);
        updates = List.copyOf(updates);
        removed = List.copyOf(removed);
        shadowed = List.copyOf(shadowed);
        skipped = Map.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    public List<Update> changed() {
        return updates.stream().filter(Update::pricesChanged).toList();
    }

    public List<Update> unchanged() {
        return updates.stream().filter(u -> !u.pricesChanged()).toList();
    }

    /** True when writing the plan would change no price and no row (dates and sources aside). */
    public boolean changesNoPrice() {
        return added.isEmpty() && removed.isEmpty() && changed().isEmpty();
    }

    static boolean samePrices(HostedModel a, HostedModel b) {
        return a.inputPer1M() == b.inputPer1M() && a.outputPer1M() == b.outputPer1M()
                && Objects.equals(a.cachedInputPer1M(), b.cachedInputPer1M())
                && Objects.equals(a.batchInputPer1M(), b.batchInputPer1M())
                && Objects.equals(a.batchOutputPer1M(), b.batchOutputPer1M());
    }
}
