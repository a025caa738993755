package example.shop.domain;

/** The request body of payment-service's {@code POST /payments}. */
public record PaymentRequest(Long orderId, Long userId, Long amountCents, String cardNumber) {
}
