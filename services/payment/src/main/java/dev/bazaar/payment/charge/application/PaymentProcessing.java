package dev.bazaar.payment.charge.application;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.payment.cardkey.application.CardKeys;
import dev.bazaar.payment.charge.EncryptedCard;
import dev.bazaar.payment.charge.Money;
import dev.bazaar.payment.charge.Payment;
import dev.bazaar.payment.charge.PaymentStatus;
import dev.bazaar.payment.charge.Payments;
import dev.bazaar.payment.charge.StockOutcome;
import dev.bazaar.payment.charge.StockOutcomes;
import dev.bazaar.platform.work.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment's part in the order saga. A payment opens when an order is placed and is due to be
 * charged as soon as inventory has reserved the order's stock; the two facts come on different
 * topics, in either order, so each handler locks the order and schedules the charge if the other
 * fact is already known. The handlers never call the card processor: they only decide what is owed
 * to it, and {@link PaymentWorker} makes the calls outside any transaction.
 */
@Service
public class PaymentProcessing {

    private static final Logger log = LoggerFactory.getLogger(PaymentProcessing.class);

    private final Payments payments;
    private final StockOutcomes stockOutcomes;
    private final CardKeys cardKeys;
    private final PaymentWorker worker;
    private final Clock clock;

    public PaymentProcessing(Payments payments, StockOutcomes stockOutcomes, CardKeys cardKeys, PaymentWorker worker, Clock clock) {
        this.payments = payments;
        this.stockOutcomes = stockOutcomes;
        this.cardKeys = cardKeys;
        this.worker = worker;
        this.clock = clock;
    }

    @Transactional
    public void on(OrderPlaced placed) {
        if (payments.lockOrderToOpen(placed.orderId()).isPresent()) {
            // A second copy of the order's placement (under a new event id) must not open a second charge.
            log.warn("Order {} already has a payment; its placement is ignored", placed.orderId());
            return;
        }
        // The one-time key the card was encrypted for leaves the pool for this payment, and goes with its card.
        EncryptedCard card = new EncryptedCard(placed.cardKeyId(), placed.encryptedCard(),
                cardKeys.take(placed.cardKeyId()).orElse(null));
        Payment payment = Payment.open(paymentIdFor(placed.orderId()), placed.orderId(), placed.customerId(), placed.total(),
                placed.cardLast4(), card);
        Optional<String> cancelled = payments.cancellationOf(placed.orderId());
        Optional<StockOutcome> stock = stockOutcomes.find(placed.orderId());
        if (cancelled.isPresent()) {
            // A placement redriven or replayed after the order's cancellation: it is recorded, never charged.
            payment.voidBecause("order cancelled before its placement arrived: " + cancelled.get());
            log.warn("Voided payment {} of order {}: the order was cancelled before its placement arrived", payment.id(),
                    payment.orderId());
        } else if (stock.isPresent() && stock.get() == StockOutcome.REJECTED) {
            payment.voidBecause("stock rejected");
            log.info("Voided payment {} of order {}: its stock was rejected before it arrived", payment.id(), payment.orderId());
        } else if (stock.isPresent()) {
            payment.stockReserved(clock.instant());
            callProcessorSoon();
        }
        payments.add(payment);
    }

    @Transactional
    public void on(StockReserved reserved) {
        Optional<Payment> found = payments.lockOrder(reserved.orderId());
        if (found.isEmpty()) {
            // The order is not placed here yet; its placement, which waits for the order's lock held now, will find
            // the reservation. Once the payment exists, the payment itself keeps what inventory said.
            stockOutcomes.record(reserved.orderId(), StockOutcome.RESERVED);
            return;
        }
        Payment payment = found.get();
        if (payment.status() != PaymentStatus.PENDING || payment.isStockReserved()) {
            // Already charged or settled, or a repeated reservation: the fact is applied already.
            return;
        }
        payment.stockReserved(clock.instant());
        payments.update(payment);
        callProcessorSoon();
    }

    @Transactional
    public void on(StockRejected rejected) {
        Optional<Payment> found = payments.lockOrder(rejected.orderId());
        if (found.isEmpty()) {
            stockOutcomes.record(rejected.orderId(), StockOutcome.REJECTED); // for its placement, as above
            return;
        }
        if (found.get().status() != PaymentStatus.PENDING) {
            return; // already settled
        }
        Payment payment = found.get();
        if (payment.isStockReserved()) {
            // Inventory's first answer stands (see StockOutcomes): this order's stock was reserved.
            log.warn("Order {} had its stock reserved; a later rejection is ignored", rejected.orderId());
            return;
        }
        payment.voidBecause("stock rejected: " + rejected.reason());
        payments.update(payment);
        log.info("Voided payment {} of order {}: its stock was rejected", payment.id(), payment.orderId());
    }

    /**
     * A cancelled order is never left charged: a captured payment is refunded, a pending one voided —
     * both through the processor, by the worker, when money may have moved.
     */
    @Transactional
    public void on(OrderCancelled cancelled) {
        Optional<Payment> found = payments.lockOrder(cancelled.orderId());
        if (found.isEmpty()) {
            // Its placement has not arrived (dead-lettered, say): nothing to void or refund now, and nothing to charge
            // should it arrive after all.
            log.warn("Order {} was cancelled before its placement arrived here; it will never be charged", cancelled.orderId());
            payments.recordCancellation(cancelled.orderId(), cancelled.reason());
            return;
        }
        Payment payment = found.get();
        if (payment.status() != PaymentStatus.PENDING && payment.status() != PaymentStatus.CAPTURED) {
            // DECLINED: the cancellation follows from the decline itself; the others are settling or settled already.
            return;
        }
        payment.cancel("order cancelled: " + cancelled.reason(), payments.isLeased(payment.id()), clock.instant());
        payments.update(payment);
        log.info("Order {} cancelled: payment {} is {}", payment.orderId(), payment.id(), payment.status());
        if (payment.operationDue().isPresent()) {
            callProcessorSoon();
        }
    }

    @Transactional(readOnly = true)
    public Optional<Payment> find(UUID orderId) {
        return payments.findByOrder(orderId);
    }

    /**
     * Wakes the worker once this transaction has committed, so that it finds the payment due; the call joins the trace
     * of the event that made it due, whose context is stored with the payment.
     */
    private void callProcessorSoon() {
        AfterCommit.run(worker::wakeUp);
    }

    /**
     * The payment id is derived from the order, and is the idempotency key of every call about the
     * payment to the processor: a call retried — after a timeout, a crash, or a second placement of
     * the same order — is recognised there and not made twice. It is a version 8 UUID (RFC 9562): the order id's
     * first 48 bits, which are the time ordering placed it, then a name-based hash of the order id. So payments are
     * keyed in the order they come, and each new row lands at the right edge of the indexes it is in (the payment's
     * and the processor's) rather than on a random page of each.
     */
    static UUID paymentIdFor(UUID orderId) {
        UUID hashed = UUID.nameUUIDFromBytes(("bazaar-payment:" + orderId).getBytes(StandardCharsets.UTF_8));
        long placedAt = orderId.getMostSignificantBits() & 0xFFFF_FFFF_FFFF_0000L;
        return new UUID(placedAt | 0x8000 | hashed.getMostSignificantBits() & 0x0FFF, hashed.getLeastSignificantBits());
    }

    /**
     * An order was placed: by whom, its total, and its card as ordering encrypted it for one of payment's one-time
     * keys.
     */
    public record OrderPlaced(UUID orderId, UUID customerId, Money total, String cardLast4, String cardKeyId, String encryptedCard) {

        @Override
        public String toString() {
            return "OrderPlaced[orderId=" + orderId + ", customerId=" + customerId + ", total=" + total + ", cardLast4=" + cardLast4
                    + ", cardKeyId=" + cardKeyId + "]";
        }
    }

    public record StockReserved(UUID orderId) {
    }

    public record StockRejected(UUID orderId, String reason) {
    }

    public record OrderCancelled(UUID orderId, String reason) {
    }
}
