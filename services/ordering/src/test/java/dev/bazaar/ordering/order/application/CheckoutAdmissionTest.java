package dev.bazaar.ordering.order.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.bazaar.ordering.OrderingProperties;
import dev.bazaar.platform.messaging.ConsumerLag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckoutAdmissionTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final ConsumerLag lag = new ConsumerLag(Clock.fixed(NOW, ZoneOffset.UTC));
    private final CheckoutAdmission admission = admission();

    @Test
    void placesTheOrderWhileTheEventsOrderingAppliesAreFresh() {
        lag.applied(NOW.minusSeconds(2));
        lag.applied(NOW.minusSeconds(29));

        assertThatNoException().isThrownBy(() -> admission.admit(null));
    }

    @Test
    void placesTheOrderWhenNothingArrivesAtAllAsWhileAContextIsDown() {
        assertThatNoException().isThrownBy(() -> admission.admit(null));
    }

    @Test
    void refusesWhileMostEventsAreOlderThanTheLimitAndSaysWhenToTryAgain() {
        lag.applied(NOW.minusSeconds(1));
        lag.applied(NOW.minusSeconds(45));
        lag.applied(NOW.minusSeconds(50));

        assertThatThrownBy(() -> admission.admit(null)).isInstanceOfSatisfying(CheckoutAdmission.Refused.class, refused -> {
            assertThat(refused.problemType()).isEqualTo("saga-behind");
            assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(15));
        });
    }

    @Test
    void oneLateEventAmongFreshOnesIsNoSignOfFallingBehind() {
        lag.applied(NOW.minusSeconds(600));
        lag.applied(NOW.minusSeconds(1));
        lag.applied(NOW.minusSeconds(1));

        assertThatNoException().isThrownBy(() -> admission.admit(null));
    }

    @Test
    void asksToRetryAfterBetweenOneAndThirtySeconds() {
        assertThat(CheckoutAdmission.retryAfter(Duration.ofMillis(30_500), Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(1));
        assertThat(CheckoutAdmission.retryAfter(Duration.ofMinutes(9), Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aCheckoutThatWaitedLongerThanTheLimitSinceTheGatewayReceivedItIsRefusedAtOnce() {
        assertThatThrownBy(() -> admission.admit(NOW.minusMillis(2_500)))
                .isInstanceOfSatisfying(CheckoutAdmission.Refused.class, refused -> {
                    assertThat(refused.problemType()).isEqualTo("checkout-busy");
                    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                });
    }

    @Test
    void aCheckoutWithinTheWaitOrNotThroughTheGatewayIsPlaced() {
        assertThatNoException().isThrownBy(() -> admission.admit(NOW.minusMillis(1_500)));
        assertThatNoException().isThrownBy(() -> admission.admit(null));
    }

    private CheckoutAdmission admission() {
        return new CheckoutAdmission(lag, new OrderingProperties(Duration.ofMinutes(10), Duration.ofSeconds(10),
                Duration.ofHours(24), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMinutes(5)), Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
