package example.shop.domain;

/** payment-service's answer to a captured payment. */
public record PaymentReceipt(long paymentId, String status) {
}
