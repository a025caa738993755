package dev.bazaar.platform.messaging;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadThroughTest {

    private static final TopicPartition P0 = new TopicPartition("ordering.events", 0);
    private static final TopicPartition P1 = new TopicPartition("ordering.events", 1);
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    private final ReadThrough.Notings notings = new ReadThrough.Notings();

    @Test
    void aGroupAtTheEndOfEveryPartitionHasReadThroughNow() {
        assertThat(notings.note(T0, Map.of(P0, 5L, P1, 0L), Map.of(P0, 5L))).isEqualTo(T0);
    }

    @Test
    void aGroupBehindOnOnePartitionHasReadThroughNothingYet() {
        assertThat(notings.note(T0, Map.of(P0, 5L, P1, 3L), Map.of(P0, 5L, P1, 2L))).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aPartitionNeverCommittedIsUnreadUnlessEmpty() {
        assertThat(notings.note(T0, Map.of(P0, 1L), Map.of())).isEqualTo(Instant.EPOCH);
    }

    /** Under a steady stream the group is never exactly at the end, but it passes the ends noted a moment before. */
    @Test
    void aGroupThatPassedEarlierEndsHasReadThroughTheirTime() {
        notings.note(T0, Map.of(P0, 10L, P1, 10L), Map.of(P0, 8L, P1, 9L));
        notings.note(T0.plusSeconds(1), Map.of(P0, 20L, P1, 20L), Map.of(P0, 12L, P1, 11L));

        Instant third = notings.note(T0.plusSeconds(2), Map.of(P0, 30L, P1, 30L), Map.of(P0, 21L, P1, 25L));

        assertThat(third).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void theAnswerNeverGoesBack() {
        notings.note(T0, Map.of(P0, 10L), Map.of(P0, 10L));

        // Committed offsets read from a lagging coordinator, say: the time already answered stands.
        assertThat(notings.note(T0.plusSeconds(1), Map.of(P0, 20L), Map.of(P0, 5L))).isEqualTo(T0);
    }

    @Test
    void aGroupBehindForLongKeepsTheNewestNotingsAndStillCatchesUp() {
        for (int i = 0; i < ReadThrough.MOST_NOTINGS + 50; i++) {
            assertThat(notings.note(T0.plusSeconds(i), Map.of(P0, 100L + i), Map.of(P0, 0L))).isEqualTo(Instant.EPOCH);
        }
        Instant last = T0.plusSeconds(ReadThrough.MOST_NOTINGS + 49);

        assertThat(notings.note(last.plusSeconds(1), Map.of(P0, 2_000L), Map.of(P0, 1_149L))).isEqualTo(last);
    }
}
