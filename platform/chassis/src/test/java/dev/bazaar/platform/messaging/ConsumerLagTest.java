package dev.bazaar.platform.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerLagTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final ConsumerLag lag = new ConsumerLag(clock);

    @Test
    void isTheMedianAgeOfTheEventsAppliedInTheLastTenSeconds() {
        lag.applied(clock.instant().minusMillis(300));
        lag.applied(clock.instant().minusSeconds(20));
        lag.applied(clock.instant().minusSeconds(4));

        assertThat(lag.current()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void isZeroWhenNothingWasAppliedLately() {
        assertThat(lag.current()).isZero();
        lag.applied(clock.instant().minusSeconds(60));

        clock.advance(Duration.ofSeconds(11));

        assertThat(lag.current()).isZero();
    }

    @Test
    void isComputedAtMostOnceASecond() {
        lag.applied(clock.instant().minusSeconds(4));
        assertThat(lag.current()).isEqualTo(Duration.ofSeconds(4));

        lag.applied(clock.instant().minusSeconds(8));
        lag.applied(clock.instant().minusSeconds(9));
        clock.advance(Duration.ofMillis(999));
        assertThat(lag.current()).as("within the second").isEqualTo(Duration.ofSeconds(4));

        clock.advance(Duration.ofMillis(1));
        assertThat(lag.current()).as("a second later").isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void anEventFromAClockAheadIsNotNegativelyOld() {
        lag.applied(clock.instant().plusSeconds(5));

        assertThat(lag.current()).isZero();
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
