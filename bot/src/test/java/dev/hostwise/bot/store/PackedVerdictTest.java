package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.VerdictJson;
import dev.hostwise.rules.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The packed form of a stored verdict: exact, small, and a damaged row is named, never misread. */
class PackedVerdictTest {

    private final VerdictJson json = new VerdictJson();
    private final PackedVerdict packer = new PackedVerdict(json.mapper());
    private final List<RuleReason> reasons = List.of(
            new RuleReason("privacy.drl", "Privacy holds when the data must stay in-house",
                    "Only a hard requirement that no vendor sees the data is a reason to own the serving stack."),
            new RuleReason("volume.drl", "Volume fails when the hosted API costs no more than self-hosting all-in", "Ops cost."));

    private Verdict articleVerdict() {
        try (Hostwise hw = Hostwise.start(new Env(Map.of("HOSTWISE_DB_URL", "jdbc:h2:mem:packed")), Optional.empty(),
                Clock.systemUTC())) {
            return hw.decide(StoreFixture.scenario(hw, 100_000));
        }
    }

    @Test
    void aPackedVerdictUnpacksToTheSameVerdictAndReasons() {
        Verdict v = articleVerdict().withId(null);
        PackedVerdict.Contents back = packer.unpack(packer.pack(v, reasons));
        assertThat(back.verdict()).isEqualTo(v);
        assertThat(back.ruleReasons()).isEqualTo(reasons);
    }

    @Test
    void aPackedVerdictIsAFractionOfItsText() {
        Verdict v = articleVerdict().withId(null);
        int text = json.writeCompact(v).getBytes(StandardCharsets.UTF_8).length;
        assertThat(packer.pack(v, reasons).length).isLessThan(text / 4);
    }

    @Test
    void theDictionaryInUseNeverChanges() {
        assertThat(PackedVerdict.adler32(PackedVerdict.dictionary1())).isEqualTo(PackedVerdict.DICTIONARY_1_ADLER32);
    }

    @Test
    void aDamagedOrUnknownRowIsNamedNotMisread() {
        byte[] packed = packer.pack(articleVerdict().withId(null), reasons);
        assertThatThrownBy(() -> packer.unpack(Arrays.copyOf(packed, packed.length / 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stored verdict");
        byte[] flipped = packed.clone();
        for (int i = 5; i < flipped.length; i += 7) {
            flipped[i] ^= 0x55;
        }
        assertThatThrownBy(() -> packer.unpack(flipped))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stored verdict");
        byte[] future = packed.clone();
        future[0] = 2;
        assertThatThrownBy(() -> packer.unpack(future))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown format (2)");
        assertThatThrownBy(() -> packer.unpack(new byte[0])).hasMessageContaining("unknown format (empty)");
    }
}
