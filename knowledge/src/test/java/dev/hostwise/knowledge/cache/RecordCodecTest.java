package dev.hostwise.knowledge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostwise.knowledge.catalog.AsOf;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.OpenModel;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The codec behind the catalog cache: what it writes comes back equal, through the records' own constructors. */
class RecordCodecTest {

    private static final String KNOWLEDGE = "dev.hostwise.knowledge.";

    @Test
    void everyOpenModelOfTheBundledCatalogComesBackEqualAndUnmodifiable() throws IOException {
        List<OpenModel> models = new ArrayList<>(Catalog.bundled().openModels());

        Object back = RecordCodec.decode(RecordCodec.encode(models), KNOWLEDGE);

        assertThat(back).isEqualTo(models);
        assertThatThrownBy(() -> ((List<?>) back).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anOptionalComesBackPresentOrEmptyAsItWent() throws IOException {
        List<Optional<String>> written = List.of(Optional.of("conditions: []"), Optional.empty());

        assertThat(RecordCodec.decode(RecordCodec.encode(written), KNOWLEDGE)).isEqualTo(written);
    }

    @Test
    void aValueARecordRefusesIsRefusedOnTheWayBackToo() throws IOException {
        // an "as of" must say when: the record refuses a blank one, from bytes as from YAML
        byte[] written = RecordCodec.encode(List.of(AsOf.parse("2026-11")));
        byte[] edited = replace(written, "2026-11".getBytes(), "       ".getBytes());

        assertThatThrownBy(() -> RecordCodec.decode(edited, KNOWLEDGE)).isInstanceOf(StreamCorruptedException.class)
                .hasMessageContaining("AsOf");
    }

    @Test
    void truncatedBytesAndHugeCountsAreDamageNotAllocations() throws IOException {
        byte[] written = RecordCodec.encode(Map.of("a", List.of(1.5, 2.5)));

        assertThatThrownBy(() -> RecordCodec.decode(Arrays.copyOf(written, written.length - 3), KNOWLEDGE))
                .isInstanceOf(IOException.class);
        byte[] huge = written.clone();
        // the map's count, right after its tag
        huge[1] = 0x7f;
        assertThatThrownBy(() -> RecordCodec.decode(huge, KNOWLEDGE)).isInstanceOf(StreamCorruptedException.class)
                .hasMessageContaining("count");
    }

    private static byte[] replace(byte[] in, byte[] what, byte[] with) {
        for (int i = 0; i + what.length <= in.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(in, i, i + what.length), what)) {
                byte[] out = in.clone();
                System.arraycopy(with, 0, out, i, with.length);
                return out;
            }
        }
        throw new AssertionError("not found");
    }
}
