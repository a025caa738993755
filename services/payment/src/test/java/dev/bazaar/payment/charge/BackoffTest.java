package dev.bazaar.payment.charge;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void theDelayDoublesWithEachFailedAttempt() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void theDelayIsCappedAndNeverGivesUp() {
        assertThat(backoff.delayAfter(6)).as("32 s, capped").isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aCapThatIsNoPowerOfTwoOfTheFirstDelayIsReachedExactly() {
        Backoff odd = new Backoff(Duration.ofMillis(300), Duration.ofMillis(1000));

        assertThat(odd.delayAfter(3)).isEqualTo(Duration.ofMillis(1000));
        assertThat(odd.delayAfter(2)).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void aDelayFollowsAFailureAndIsPositiveAndCappedAboveItsStart() {
        assertThatThrownBy(() -> backoff.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessageContaining("cap");
    }
}
