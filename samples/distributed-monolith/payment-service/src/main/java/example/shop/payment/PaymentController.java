package example.shop.payment;

import example.shop.domain.Money;
import example.shop.domain.Payment;
import example.shop.domain.PaymentReceipt;
import example.shop.domain.PaymentRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Takes payments through the card processor and records them in the shared {@code payments} table. */
@RestController
class PaymentController {

    static final long MAX_LATENCY_MS = 60_000;

    private final JdbcClient jdbc;
    private final CardProcessor cardProcessor;

    PaymentController(JdbcClient jdbc, CardProcessor cardProcessor) {
        this.jdbc = jdbc;
        this.cardProcessor = cardProcessor;
    }

    @PostMapping("/payments")
    @ResponseStatus(HttpStatus.CREATED)
    PaymentReceipt pay(@RequestBody PaymentRequest request) {
        if (request.orderId() == null || request.userId() == null || request.amountCents() == null) {
            throw problem(HttpStatus.BAD_REQUEST, "Invalid payment", "orderId, userId and amountCents are required");
        }
        if (request.amountCents() < 0) {
            throw problem(HttpStatus.BAD_REQUEST, "Invalid payment", "amountCents must not be negative");
        }
        if (!Money.isCardNumber(request.cardNumber())) {
            throw problem(HttpStatus.BAD_REQUEST, "Invalid payment", "cardNumber must be 12 to 19 digits");
        }
        if (!cardProcessor.charge(request.cardNumber(), request.amountCents())) {
            throw problem(HttpStatus.PAYMENT_REQUIRED, "Card declined", "The card processor declined the card");
        }
        String last4 = request.cardNumber().substring(request.cardNumber().length() - 4);
        long paymentId = jdbc.sql("""
                        insert into payments (order_id, amount_cents, card_last4, status)
                        values (:orderId, :amount, :last4, :status)
                        returning id""")
                .param("orderId", request.orderId())
                .param("amount", request.amountCents())
                .param("last4", last4)
                .param("status", Payment.CAPTURED)
                .query(Long.class)
                .single();
        return new PaymentReceipt(paymentId, Payment.CAPTURED);
    }

    @GetMapping("/card-processor")
    Map<String, Long> cardProcessor() {
        return Map.of("latencyMs", cardProcessor.latencyMs());
    }

    @PutMapping("/card-processor")
    Map<String, Long> setCardProcessor(@RequestBody Map<String, Long> body) {
        Long latencyMs = body.get("latencyMs");
        if (latencyMs == null || latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
            throw problem(HttpStatus.BAD_REQUEST, "Invalid latency", "latencyMs must be between 0 and " + MAX_LATENCY_MS);
        }
        cardProcessor.setLatencyMs(latencyMs);
        return cardProcessor();
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
