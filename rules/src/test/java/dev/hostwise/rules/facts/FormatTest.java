package dev.hostwise.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Money and counts read the same everywhere: the same text as Java's own formatter gives, for any value. */
class FormatTest {

    @Test
    void dollarsAreShownToTheCentWithThousandsSeparators() {
        assertThat(Format.usd(1234.5)).isEqualTo("$1,234.50");
        assertThat(Format.usd(428.8)).isEqualTo("$428.80");
        assertThat(Format.usd(0.004136)).isEqualTo("$0.00");
        assertThat(Format.usd(-103_680)).isEqualTo("-$103,680.00");
        assertThat(Format.usd(1_000_000.005)).isEqualTo("$1,000,000.01");
        assertThat(Format.usd(0.125)).isEqualTo("$0.13"); // half up, like String.format
        assertThat(Format.usd(-0.0)).isEqualTo("$0.00");
    }

    @Test
    void dollarsMatchStringFormatForEveryKindOfValue() {
        SplittableRandom random = new SplittableRandom(20261129);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextDouble(-1e6, 1e6);
                case 1 -> Math.round(random.nextDouble(0, 1e7)) / 1000.0; // halves of a cent and their neighbours
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(-6, 16));
                default -> random.nextInt(-100_000, 100_000) / 100.0 + 0.005;
            };
            assertThat(Format.usd(v)).as("usd(%s)", v).isEqualTo(reference(v));
        }
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                Double.MIN_VALUE, 1e21, 999.995, 0.005, 0.015, 1.005, 2.675}) {
            assertThat(Format.usd(v)).as("usd(%s)", v).isEqualTo(reference(v));
        }
    }

    @Test
    void countsAreWholeWithThousandsSeparators() {
        assertThat(Format.count(103_680)).isEqualTo("103,680");
        assertThat(Format.count(190_666.6)).isEqualTo("190,667");
        assertThat(Format.count(999)).isEqualTo("999");
        assertThat(Format.count(-1_234_567)).isEqualTo("-1,234,567");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double v = random.nextDouble(-1e12, 1e12) / Math.pow(10, random.nextInt(0, 10));
            assertThat(Format.count(v)).isEqualTo(String.format(Locale.ROOT, "%,d", Math.round(v)));
        }
        assertThat(Format.count(-1e30)).isEqualTo(String.format(Locale.ROOT, "%,d", Long.MIN_VALUE));
    }

    private static String reference(double dollars) {
        return (dollars < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,.2f", Math.abs(dollars));
    }
}
