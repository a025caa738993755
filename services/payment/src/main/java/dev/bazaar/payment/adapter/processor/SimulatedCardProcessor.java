package dev.bazaar.payment.adapter.processor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.bazaar.payment.payment.CardNumber;
import dev.bazaar.payment.payment.CardProcessor;
import dev.bazaar.payment.payment.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stands in for the external card processor, with the test cards processors document:
 * 4242 4242 4242 4242 is approved, 4000 0000 0000 0002 is declined, any other number that passes
 * the Luhn check is approved, and one that does not is declined as invalid. Like a real processor
 * it remembers idempotency keys: a repeated charge or refund answers as the first one did and
 * moves no money twice.
 */
@Component
class SimulatedCardProcessor implements CardProcessor {

    static final String DECLINED_CARD = "4000000000000002";
    private static final Logger log = LoggerFactory.getLogger(SimulatedCardProcessor.class);

    private final Map<String, Authorization> charges = new ConcurrentHashMap<>();
    private final Map<String, Money> refunds = new ConcurrentHashMap<>();

    @Override
    public Authorization charge(String idempotencyKey, CardNumber card, Money amount) {
        return charges.computeIfAbsent(idempotencyKey, key -> {
            Authorization authorization = authorize(card);
            log.info("Processor: charge {} of {} {} on {}: {}", key, amount.amount(), amount.currency(), card,
                    authorization.approved() ? "approved" : authorization.declineReason());
            return authorization;
        });
    }

    @Override
    public void refund(String idempotencyKey, Money amount) {
        if (refunds.putIfAbsent(idempotencyKey, amount) == null) {
            log.info("Processor: refund {} of {} {}", idempotencyKey, amount.amount(), amount.currency());
        }
    }

    private static Authorization authorize(CardNumber card) {
        if (DECLINED_CARD.equals(card.digits())) {
            return Authorization.decline("card declined");
        }
        if (!card.passesLuhnCheck()) {
            return Authorization.decline("invalid card number");
        }
        return Authorization.approve();
    }
}
