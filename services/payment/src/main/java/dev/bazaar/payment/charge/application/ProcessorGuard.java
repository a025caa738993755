package dev.bazaar.payment.charge.application;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bazaar.payment.PaymentProperties;
import dev.bazaar.payment.charge.CardProcessor;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Every call to the card processor goes through here: on a thread of its own, given up after the
 * time limit (the thread is interrupted), behind a circuit breaker that, after repeated failures,
 * skips calls at once for a while instead of letting each wait out its timeout against a processor
 * that is down. A failure is returned, not thrown, saying whether the processor may have acted:
 * an unanswered call may have been charged; a refused or skipped one was not.
 */
@Component
public class ProcessorGuard implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProcessorGuard.class);

    private final CircuitBreaker breaker;
    private final TimeLimiter timeLimiter;
    private final Duration timeout;
    private final ThreadPoolExecutor calls;

    public ProcessorGuard(PaymentProperties properties) {
        PaymentProperties.Processor policy = properties.processor();
        this.timeout = policy.timeout();
        this.breaker = CircuitBreaker.of("card-processor", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.circuitWindow())
                .minimumNumberOfCalls(policy.circuitMinimumCalls())
                .failureRateThreshold(policy.circuitFailureRate())
                .waitDurationInOpenState(policy.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(policy.circuitHalfOpenCalls())
                .build());
        this.timeLimiter = TimeLimiter.of("card-processor", TimeLimiterConfig.custom()
                .timeoutDuration(policy.timeout())
                .cancelRunningFuture(true)
                .build());
        breaker.getEventPublisher().onStateTransition(event ->
                log.warn("Card processor circuit {}", event.getStateTransition()));
        AtomicInteger threads = new AtomicInteger();
        // Twice the worker's batch: calls given up after their timeout may take a moment to notice the interrupt.
        int size = policy.workerBatch() * 2;
        this.calls = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "card-processor-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        calls.allowCoreThreadTimeOut(true);
    }

    /** Calls the processor about a charge, expecting its authorization. */
    Attempt charge(Callable<CardProcessor.Authorization> call) {
        return guarded(call);
    }

    /** Calls the processor for a void or a refund, which answer nothing but success. */
    Attempt settle(Runnable call) {
        return guarded(() -> {
            call.run();
            return null;
        });
    }

    private Attempt guarded(Callable<CardProcessor.Authorization> call) {
        try {
            CardProcessor.Authorization answer = breaker.executeCallable(
                    () -> timeLimiter.executeFutureSupplier(() -> calls.submit(call)));
            return Attempt.answer(answer);
        } catch (CallNotPermittedException e) {
            return Attempt.failed(Attempt.Failure.CIRCUIT_OPEN, "skipped: circuit open after repeated processor failures", false);
        } catch (TimeoutException e) {
            return Attempt.failed(Attempt.Failure.TIMEOUT, "no answer within " + timeout.toMillis() + " ms", true);
        } catch (CardProcessor.Unavailable e) {
            return Attempt.failed(Attempt.Failure.UNAVAILABLE, e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed(Attempt.Failure.ERROR, "interrupted while waiting for the processor", true);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof CardProcessor.Unavailable) {
                return Attempt.failed(Attempt.Failure.UNAVAILABLE, cause.getMessage(), false);
            }
            log.warn("Card processor call failed unexpectedly", cause);
            return Attempt.failed(Attempt.Failure.ERROR, "processor error: " + cause, true);
        }
    }

    /** CLOSED, OPEN, HALF_OPEN … as the breaker sees it now. */
    public String circuitState() {
        return breaker.getState().name();
    }

    /** Forgets the calls seen so far and closes the circuit: for an operator who knows the processor is back. */
    public void closeCircuit() {
        breaker.reset();
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }
}
