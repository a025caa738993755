package dev.bazaar.payment.adapter.processor;

import dev.bazaar.payment.charge.CardNumber;
import dev.bazaar.payment.charge.CardProcessor.Authorization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The processor's card rules and drill settings; its ledger and idempotency are in ProcessorResilienceIT. */
class SimulatedCardProcessorTest {

    @Test
    void approvesTheDocumentedTestCard() {
        assertThat(SimulatedCardProcessor.authorize(CardNumber.of("4242424242424242"))).isEqualTo(Authorization.approve());
    }

    @Test
    void declinesTheDocumentedDeclinedCard() {
        assertThat(SimulatedCardProcessor.authorize(CardNumber.of("4000000000000002")))
                .isEqualTo(Authorization.decline("card declined"));
    }

    @Test
    void approvesAnyOtherValidNumberAndDeclinesAnInvalidOne() {
        assertThat(SimulatedCardProcessor.authorize(CardNumber.of("5555555555554444")).approved()).isTrue();
        assertThat(SimulatedCardProcessor.authorize(CardNumber.of("4242424242424241")))
                .isEqualTo(Authorization.decline("invalid card number"));
    }

    @Test
    void aDrillKeepsLatencyWithinAMinuteAndTheFailureRateWithinZeroAndOne() {
        assertThat(new ProcessorBehaviour(60_000, 1.0, true)).isNotNull();
        assertThatThrownBy(() -> new ProcessorBehaviour(60_001, 0, false)).hasMessageContaining("latencyMs");
        assertThatThrownBy(() -> new ProcessorBehaviour(-1, 0, false)).hasMessageContaining("latencyMs");
        assertThatThrownBy(() -> new ProcessorBehaviour(0, 1.01, false)).hasMessageContaining("failureRate");
        assertThatThrownBy(() -> new ProcessorBehaviour(0, Double.NaN, false)).hasMessageContaining("failureRate");
    }
}
