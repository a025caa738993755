package dev.bazaar.ordering.adapter.web;

import java.util.List;
import java.util.Map;

import dev.bazaar.ordering.order.CardNumber;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.order.application.Checkout;
import dev.bazaar.ordering.order.application.CheckoutAdmission;
import dev.bazaar.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What a checkout answers when it places nothing, the same for an order's lines (POST /api/orders) and for the cart's
 * (POST /api/cart/checkout). Before the chassis's advice: an invalid card is an IllegalArgumentException, which that
 * would answer without naming the field.
 */
@RestControllerAdvice(assignableTypes = {OrderController.class, CartController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class CheckoutProblems {

    /** Payment publishes its key moments after its first start; a client may well try again by then. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(Checkout.UnknownProducts.class)
    ProblemDetail unknownProducts(Checkout.UnknownProducts e) {
        ProblemDetail problem = Problems.problem(HttpStatus.NOT_FOUND, "unknown-product", "Unknown product", e.getMessage());
        problem.setProperty("skus", e.skus().stream().map(Sku::value).toList());
        return problem;
    }

    /** 422, not 409: nothing conflicts with the current state; the request is unprocessable with this key. */
    @ExceptionHandler(Checkout.IdempotencyKeyReused.class)
    ProblemDetail idempotencyKeyReused(Checkout.IdempotencyKeyReused e) {
        return Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage());
    }

    @ExceptionHandler(Checkout.PaymentKeyUnavailable.class)
    ResponseEntity<ProblemDetail> paymentUnavailable(Checkout.PaymentKeyUnavailable e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "payment-unavailable", "Payment not ready", e.getMessage()));
    }

    /** 429 rather than 503: ordering is up and answering; a 503 would count against its breaker at the gateway. */
    @ExceptionHandler(CheckoutAdmission.Refused.class)
    ResponseEntity<ProblemDetail> refused(CheckoutAdmission.Refused e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(e.retryAfter().toSeconds()))
                .body(Problems.problem(HttpStatus.TOO_MANY_REQUESTS, e.problemType(), "Too many orders right now", e.getMessage()));
    }

    @ExceptionHandler(CardNumber.InvalidCardNumber.class)
    ProblemDetail invalidCard(CardNumber.InvalidCardNumber e) {
        // Its message is a sentence about the card already: the detail is that sentence, the field is in errors.
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", "payment.card", "message", e.getMessage())));
        return problem;
    }
}
