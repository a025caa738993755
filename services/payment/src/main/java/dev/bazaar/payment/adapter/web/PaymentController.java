package dev.bazaar.payment.adapter.web;

import java.math.BigDecimal;
import java.util.UUID;

import dev.bazaar.payment.charge.Payment;
import dev.bazaar.payment.charge.application.PaymentProcessing;
import dev.bazaar.platform.web.Caller;
import dev.bazaar.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/payments")
class PaymentController {

    private final PaymentProcessing processing;

    PaymentController(PaymentProcessing processing) {
        this.processing = processing;
    }

    /** A shopper's own payment; another's is answered as unknown, so that order ids cannot be probed. */
    @GetMapping("/{orderId}")
    PaymentView payment(@PathVariable String orderId, Caller caller) {
        UUID id = orderId(orderId);
        return processing.find(id).filter(payment -> caller.mayRead(payment.customerId())).map(PaymentView::of)
                .orElseThrow(() -> new UnknownPayment(orderId));
    }

    @ExceptionHandler(UnknownPayment.class)
    ProblemDetail unknown(UnknownPayment e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "unknown-payment", "Unknown payment", e.getMessage());
    }

    private static UUID orderId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            // Not an order id at all: there is no payment for it either.
            throw new UnknownPayment(value);
        }
    }

    static class UnknownPayment extends RuntimeException {
        UnknownPayment(String orderId) {
            super("No payment is known for order " + orderId);
        }
    }

    record PaymentView(String orderId, String paymentId, String status, AmountView amount, String cardLast4, String reason) {
        static PaymentView of(Payment payment) {
            return new PaymentView(payment.orderId().toString(), payment.id().toString(), payment.status().name(),
                    new AmountView(payment.amount().amount(), payment.amount().currency()), payment.cardLast4(),
                    payment.reason());
        }
    }

    record AmountView(BigDecimal amount, String currency) {
    }
}
