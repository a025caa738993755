package dev.bazaar.payment.charge.application;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bazaar.payment.PaymentProperties;
import dev.bazaar.payment.charge.CardProcessor;
import dev.bazaar.payment.charge.CardProcessor.Authorization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorGuardTest {

    private static final PaymentProperties POLICY = new PaymentProperties(new PaymentProperties.Processor(Duration.ofMillis(200),
            Duration.ofMillis(100), Duration.ofSeconds(1), 50, 4, 4, Duration.ofSeconds(30), 1, Duration.ofMillis(100), 2,
            Duration.ofSeconds(5)), new PaymentProperties.CardKeys(10, java.nio.file.Path.of("unused"), null));

    private final ProcessorGuard guard = new ProcessorGuard(POLICY);

    @AfterEach
    void stop() {
        guard.destroy();
    }

    @Test
    void passesTheProcessorsAnswerOn() {
        Attempt attempt = guard.charge(() -> Authorization.decline("card declined"));

        assertThat(attempt).isEqualTo(Attempt.answer(Authorization.decline("card declined")));
    }

    @Test
    void aRefusedCallFailsKnowingThatNothingHappened() {
        Attempt attempt = guard.charge(() -> {
            throw new CardProcessor.Unavailable("connection refused");
        });

        assertThat(attempt).isEqualTo(Attempt.failed(Attempt.Failure.UNAVAILABLE, "connection refused", false));
    }

    @Test
    void anUnansweredCallIsGivenUpAfterTheTimeoutAndMayHaveActed() {
        long started = System.nanoTime();

        Attempt attempt = guard.charge(() -> {
            Thread.sleep(5_000);
            return Authorization.approve();
        });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(attempt.answered()).isFalse();
        assertThat(attempt.processorMayHaveActed()).isTrue();
        assertThat(attempt.failure()).contains("200 ms");
        assertThat(attempt.kind()).isEqualTo(Attempt.Failure.TIMEOUT);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndThenSkipsCallsWithoutMakingThem() {
        for (int i = 0; i < 4; i++) {
            guard.settle(() -> {
                throw new CardProcessor.Unavailable("connection refused");
            });
        }
        AtomicInteger made = new AtomicInteger();

        Attempt skipped = guard.settle(made::incrementAndGet);

        assertThat(guard.circuitState()).isEqualTo("OPEN");
        assertThat(made).hasValue(0);
        assertThat(skipped.answered()).isFalse();
        assertThat(skipped.processorMayHaveActed()).isFalse();
        assertThat(skipped.failure()).contains("circuit open");
        assertThat(skipped.kind()).isEqualTo(Attempt.Failure.CIRCUIT_OPEN);
        guard.closeCircuit();
        assertThat(guard.settle(made::incrementAndGet).answered()).isTrue();
        assertThat(made).hasValue(1);
    }

    @Test
    void declinesDoNotOpenTheCircuit() {
        for (int i = 0; i < 10; i++) {
            guard.charge(() -> Authorization.decline("card declined"));
        }

        assertThat(guard.circuitState()).isEqualTo("CLOSED");
    }
}
