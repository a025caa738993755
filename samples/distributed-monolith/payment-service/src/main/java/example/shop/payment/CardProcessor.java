package example.shop.payment;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A simulated card processor, called in-process. Each charge takes the current latency,
 * which can be changed at runtime to play a slow processor.
 */
@Component
class CardProcessor {

    /** The test card number that is always declined. */
    static final String DECLINED_CARD = "4000000000000002";

    private final AtomicLong latencyMs;

    CardProcessor(@Value("${card-processor.latency-ms:0}") long latencyMs) {
        this.latencyMs = new AtomicLong(latencyMs);
    }

    long latencyMs() {
        return latencyMs.get();
    }

    void setLatencyMs(long latencyMs) {
        this.latencyMs.set(latencyMs);
    }

    /** Charges the card; answers whether the charge was approved. */
    boolean charge(String cardNumber, long amountCents) {
        try {
            Thread.sleep(latencyMs.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the card processor", e);
        }
        return !DECLINED_CARD.equals(cardNumber);
    }
}
