package dev.bazaar.payment.adapter.processor;

import dev.bazaar.payment.payment.CardNumber;
import dev.bazaar.payment.payment.CardProcessor.Authorization;
import dev.bazaar.payment.payment.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedCardProcessorTest {

    private final SimulatedCardProcessor processor = new SimulatedCardProcessor();
    private final Money amount = Money.of("10.00", "EUR");

    @Test
    void approvesTheDocumentedTestCard() {
        assertThat(processor.charge("p-1", CardNumber.of("4242424242424242"), amount)).isEqualTo(Authorization.approve());
    }

    @Test
    void declinesTheDocumentedDeclinedCard() {
        assertThat(processor.charge("p-2", CardNumber.of("4000000000000002"), amount))
                .isEqualTo(Authorization.decline("card declined"));
    }

    @Test
    void approvesAnyOtherValidNumberAndDeclinesAnInvalidOne() {
        assertThat(processor.charge("p-3", CardNumber.of("5555555555554444"), amount).approved()).isTrue();
        assertThat(processor.charge("p-4", CardNumber.of("4242424242424241"), amount))
                .isEqualTo(Authorization.decline("invalid card number"));
    }

    @Test
    void aRepeatedChargeWithTheSameIdempotencyKeyAnswersAsTheFirst() {
        Authorization first = processor.charge("p-5", CardNumber.of("4242424242424242"), amount);

        Authorization again = processor.charge("p-5", CardNumber.of("4000000000000002"), amount);

        assertThat(again).isEqualTo(first);
    }
}
