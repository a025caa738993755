package dev.bazaar.platform.ids;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeSortedIdsTest {

    private static final long DEC_4_2026 = 1_796_376_000_000L;

    @Test
    void isAVersion7UuidOfTheRfcVariantCarryingItsMillisecond() {
        UUID id = TimeSortedIds.at(DEC_4_2026);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(DEC_4_2026);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsUuidsAndAsText() {
        UUID earlier = TimeSortedIds.at(DEC_4_2026);
        UUID later = TimeSortedIds.at(DEC_4_2026 + 1);

        assertThat(earlier).isLessThan(later);
        // The inbox keeps event ids as text: their order must hold there too.
        assertThat(earlier.toString()).isLessThan(later.toString());
    }

    @Test
    void idsOfTheSameMillisecondDifferInTheirRandomBits() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeSortedIds.at(DEC_4_2026));
        }

        assertThat(ids).hasSize(10_000);
    }

    @Test
    void nextReadsTheClockNow() {
        long before = System.currentTimeMillis();
        long carried = TimeSortedIds.next().getMostSignificantBits() >>> 16;

        assertThat(carried).isBetween(before, System.currentTimeMillis());
    }
}
