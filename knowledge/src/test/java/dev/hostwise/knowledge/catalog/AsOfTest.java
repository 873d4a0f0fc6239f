package dev.hostwise.knowledge.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AsOfTest {

    @Test
    void readsEachFormTheCatalogWritesAsItsLatestDay() {
        assertThat(AsOf.parse("2026-11-09").latest()).isEqualTo(LocalDate.of(2026, 11, 9));
        assertThat(AsOf.parse("2024-02").latest()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(AsOf.parse("2026").latest()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(AsOf.parse("2023-2024").latest()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(AsOf.parse("2023-07..2025-05").latest()).isEqualTo(LocalDate.of(2025, 5, 31));
        assertThat(AsOf.parse("~2024-12").latest()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(AsOf.parse("~2024-12").text()).isEqualTo("~2024-12");
    }

    @Test
    void callsAFigureStaleOnlyWhenItCertainlyIs() {
        LocalDate today = LocalDate.of(2026, 11, 30);
        assertThat(AsOf.parse("2026-06-03").olderThan(180, today)).isFalse();
        assertThat(AsOf.parse("2026-06-02").olderThan(180, today)).isTrue();
        // a whole year is read as its last day: 2026 is not stale in November 2026
        assertThat(AsOf.parse("2026").olderThan(180, today)).isFalse();
        assertThat(AsOf.parse("2027-01-01").ageInDays(today)).isZero();
    }

    @Test
    void refusesTextThatIsNotADateAndSaysWhatIsAllowed() {
        assertThatThrownBy(() -> AsOf.parse("last spring"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'last spring' is not a date")
                .hasMessageContaining("2026-11-09");
        assertThatThrownBy(() -> AsOf.parse("2026-13")).hasMessageContaining("is not a date");
        assertThatThrownBy(() -> AsOf.parse(" ")).hasMessageContaining("asOf is missing");
    }
}
