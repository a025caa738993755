package dev.bazaar.payment.payment.application;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.payment.cardkey.CardEncryptionKeys;
import dev.bazaar.payment.payment.CardNumber;
import dev.bazaar.payment.payment.CardProcessor;
import dev.bazaar.payment.payment.EncryptedCard;
import dev.bazaar.payment.payment.Money;
import dev.bazaar.payment.payment.Payment;
import dev.bazaar.payment.payment.PaymentEvent;
import dev.bazaar.payment.payment.PaymentStatus;
import dev.bazaar.payment.payment.Payments;
import dev.bazaar.payment.payment.StockOutcome;
import dev.bazaar.payment.payment.StockOutcomes;
import dev.bazaar.platform.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment's part in the order saga. A payment opens when an order is placed and is charged as
 * soon as inventory has reserved the order's stock; the two facts come on different topics, in
 * either order, so each handler locks the order and charges if the other fact is already known.
 * Every change commits together with the events it publishes.
 */
@Service
public class PaymentProcessing {

    private static final Logger log = LoggerFactory.getLogger(PaymentProcessing.class);
    static final String UNREADABLE_CARD = "card could not be read";

    private final Payments payments;
    private final StockOutcomes stockOutcomes;
    private final CardEncryptionKeys keys;
    private final CardProcessor processor;
    private final Outbox outbox;

    public PaymentProcessing(Payments payments, StockOutcomes stockOutcomes, CardEncryptionKeys keys,
                             CardProcessor processor, Outbox outbox) {
        this.payments = payments;
        this.stockOutcomes = stockOutcomes;
        this.keys = keys;
        this.processor = processor;
        this.outbox = outbox;
    }

    @Transactional
    public void on(OrderPlaced placed) {
        payments.lockOrder(placed.orderId());
        if (payments.findByOrder(placed.orderId()).isPresent()) {
            // A second copy of the order's placement (under a new event id) must not open a second charge.
            log.warn("Order {} already has a payment; its placement is ignored", placed.orderId());
            return;
        }
        Payment payment = Payment.open(paymentIdFor(placed.orderId()), placed.orderId(), placed.total(),
                placed.cardLast4(), placed.card());
        Optional<StockOutcome> stock = stockOutcomes.find(placed.orderId());
        if (stock.isPresent() && stock.get() == StockOutcome.REJECTED) {
            payment.voidBecause("stock rejected");
            log.info("Voided payment {} of order {}: its stock was rejected before it arrived", payment.id(), payment.orderId());
        } else if (stock.isPresent()) {
            payment.stockReserved();
        }
        Optional<PaymentEvent> decided = chargeIfReady(payment);
        payments.add(payment);
        decided.ifPresent(this::publish);
    }

    @Transactional
    public void on(StockReserved reserved) {
        payments.lockOrder(reserved.orderId());
        stockOutcomes.record(reserved.orderId(), StockOutcome.RESERVED);
        Optional<Payment> found = payments.findByOrder(reserved.orderId());
        if (found.isEmpty()) {
            return; // The order is not placed here yet; its placement will find the reservation.
        }
        Payment payment = found.get();
        if (payment.status() != PaymentStatus.PENDING || payment.isStockReserved()) {
            // Already charged or settled, or a repeated reservation: the fact is applied already.
            return;
        }
        payment.stockReserved();
        Optional<PaymentEvent> decided = chargeIfReady(payment);
        payments.update(payment);
        decided.ifPresent(this::publish);
    }

    @Transactional
    public void on(StockRejected rejected) {
        payments.lockOrder(rejected.orderId());
        stockOutcomes.record(rejected.orderId(), StockOutcome.REJECTED);
        Optional<Payment> found = payments.findByOrder(rejected.orderId());
        if (found.isEmpty() || found.get().status() != PaymentStatus.PENDING) {
            // Not placed yet (its placement will find the rejection), or already settled.
            return;
        }
        Payment payment = found.get();
        payment.voidBecause("stock rejected: " + rejected.reason());
        payments.update(payment);
        log.info("Voided payment {} of order {}: its stock was rejected", payment.id(), payment.orderId());
    }

    @Transactional
    public void on(OrderCancelled cancelled) {
        payments.lockOrder(cancelled.orderId());
        Optional<Payment> found = payments.findByOrder(cancelled.orderId());
        if (found.isEmpty()) {
            log.warn("Order {} was cancelled but has no payment here; nothing to void or refund", cancelled.orderId());
            return;
        }
        Payment payment = found.get();
        String reason = "order cancelled: " + cancelled.reason();
        if (payment.status() == PaymentStatus.CAPTURED) {
            processor.refund("refund-" + payment.id(), payment.amount());
            PaymentEvent.Refunded refunded = payment.refund(reason);
            payments.update(payment);
            publish(refunded);
            log.info("Refunded payment {} of order {}", payment.id(), payment.orderId());
        } else if (payment.status() == PaymentStatus.PENDING) {
            payment.voidBecause(reason);
            payments.update(payment);
            log.info("Voided payment {} of order {} before charging it", payment.id(), payment.orderId());
        }
        // DECLINED: the cancellation follows from the decline itself; VOIDED, REFUNDED: settled already.
    }

    @Transactional(readOnly = true)
    public Optional<Payment> find(UUID orderId) {
        return payments.findByOrder(orderId);
    }

    /**
     * Charges a payment that is ready. The card is decrypted here, in memory, and goes no further
     * than the processor; a card that cannot be decrypted is declined, so that the saga moves on.
     */
    private Optional<PaymentEvent> chargeIfReady(Payment payment) {
        if (!payment.readyToCharge()) {
            return Optional.empty();
        }
        Optional<CardNumber> card = decrypt(payment);
        if (card.isEmpty()) {
            return Optional.of(payment.decline(UNREADABLE_CARD));
        }
        CardProcessor.Authorization authorization = processor.charge(payment.id().toString(), card.get(), payment.amount());
        if (authorization.approved()) {
            log.info("Captured payment {} of order {} on {}", payment.id(), payment.orderId(), card.get());
            return Optional.of(payment.capture());
        }
        log.info("Payment {} of order {} declined: {}", payment.id(), payment.orderId(), authorization.declineReason());
        return Optional.of(payment.decline(authorization.declineReason()));
    }

    private Optional<CardNumber> decrypt(Payment payment) {
        EncryptedCard encrypted = payment.cardToCharge();
        try {
            return keys.find(encrypted.keyId())
                    .map(key -> CardNumber.of(key.decrypt(encrypted.ciphertext())));
        } catch (IllegalArgumentException e) {
            // The messages of CardNumber and UnreadableCard never contain the card or the ciphertext.
            log.warn("Card of payment {} is unreadable: {}", payment.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private void publish(PaymentEvent event) {
        outbox.append(PublishedLanguage.type(event), event.orderId().toString(), PublishedLanguage.payload(event));
    }

    /**
     * The payment id is derived from the order, so that a charge retried after a rolled-back
     * transaction carries the same idempotency key to the processor and is not made twice.
     */
    static UUID paymentIdFor(UUID orderId) {
        return UUID.nameUUIDFromBytes(("bazaar-payment:" + orderId).getBytes(StandardCharsets.UTF_8));
    }

    /** An order was placed: its total, and its card as ordering encrypted it for payment. */
    public record OrderPlaced(UUID orderId, Money total, String cardLast4, EncryptedCard card) {
    }

    public record StockReserved(UUID orderId) {
    }

    public record StockRejected(UUID orderId, String reason) {
    }

    public record OrderCancelled(UUID orderId, String reason) {
    }
}
