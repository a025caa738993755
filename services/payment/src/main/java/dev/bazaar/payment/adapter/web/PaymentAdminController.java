package dev.bazaar.payment.adapter.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.bazaar.payment.charge.Payment;
import dev.bazaar.payment.charge.application.PaymentAdministration;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Payments as operators and the platform audit see them: on payment's own port, not through the gateway. */
@RestController
@RequestMapping("/admin/payments")
@Validated
class PaymentAdminController {

    private final PaymentAdministration administration;

    PaymentAdminController(PaymentAdministration administration) {
        this.administration = administration;
    }

    /**
     * Payments by order id (PostgreSQL's uuid order). {@code after} (the previous page's last order id) and
     * {@code through} bound the order ids, so that the audit reads the payments of exactly the orders it has read.
     */
    @GetMapping
    Page<Item> payments(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                        @RequestParam(defaultValue = "100") @Min(1) @Max(PageRequest.MAX_SIZE) int size,
                        @RequestParam(required = false) UUID after,
                        @RequestParam(required = false) UUID through) {
        return administration.list(after, through, PageRequest.of(page, size, after)).map(Item::of);
    }


    /**
     * captures and refunds count the money the processor moved for the payment (a void that reversed
     * a capture counts as a refund); attempts, nextAttemptAt and lastError describe its open call.
     */
    record Item(String orderId, String paymentId, String status, AmountView amount, String cardLast4, int captures,
                int refunds, String reason, int attempts, Instant nextAttemptAt, String lastError) {

        static Item of(PaymentAdministration.Audited audited) {
            Payment payment = audited.payment();
            return new Item(payment.orderId().toString(), payment.id().toString(), payment.status().name(),
                    new AmountView(payment.amount().amount(), payment.amount().currency()), payment.cardLast4(),
                    audited.ledger().captures(), audited.ledger().refunds(), payment.reason(),
                    payment.attempts().made(), payment.attempts().nextAt(), payment.attempts().lastError());
        }
    }

    record AmountView(BigDecimal amount, String currency) {
    }
}
