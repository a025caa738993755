package dev.bazaar.gateway;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalBucketsTest {

    private static final BucketConfiguration TWO_PER_HOUR = BucketConfiguration.builder()
            .addLimit(Bandwidth.builder().capacity(2).refillGreedy(2, Duration.ofHours(1)).build()).build();

    @Test
    void eachKeyHasItsOwnBudget() {
        LocalBuckets buckets = new LocalBuckets(10);

        assertThat(buckets.take("a", TWO_PER_HOUR).block().isConsumed()).isTrue();
        assertThat(buckets.take("a", TWO_PER_HOUR).block().isConsumed()).isTrue();
        assertThat(buckets.take("a", TWO_PER_HOUR).block().isConsumed()).isFalse();
        assertThat(buckets.take("b", TWO_PER_HOUR).block().getRemainingTokens()).isEqualTo(1);
    }

    @Test
    void aFloodOfNewCallersNeverGrowsPastTheBound() {
        LocalBuckets buckets = new LocalBuckets(100);

        for (int caller = 0; caller < 10_000; caller++) {
            buckets.take("address:" + caller, TWO_PER_HOUR).block();
        }

        assertThat(buckets.size()).isLessThanOrEqualTo(100);
    }
}
