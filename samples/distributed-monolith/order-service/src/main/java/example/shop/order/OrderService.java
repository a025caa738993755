package example.shop.order;

import example.shop.domain.Money;
import example.shop.domain.OrderStatus;
import example.shop.domain.PaymentReceipt;
import example.shop.domain.PaymentRequest;
import example.shop.domain.PlaceOrder;
import example.shop.domain.Product;
import example.shop.domain.ReserveStock;
import example.shop.domain.User;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.client.RestClient;

/**
 * Places orders by calling user-, product- and payment-service one after the other, inside
 * one local database transaction. Everything a distributed monolith does wrong is here on
 * purpose:
 * <ul>
 *   <li>a synchronous chain: the caller waits for users, then products, then payments;</li>
 *   <li>a shared database: the price is read straight from product-service's table;</li>
 *   <li>cascading failure: the clients have no timeouts, no retries, no circuit breaker and
 *       no fallback, so a slow card processor makes every order slow, holds a database
 *       connection from this service's pool for the whole wait, and a hung downstream service
 *       hangs this one;</li>
 *   <li>a transaction spanning services: the local transaction wraps the remote calls and
 *       pretends to make them atomic, which it cannot.</li>
 * </ul>
 */
@Service
class OrderService {

    private final JdbcClient jdbc;
    private final RestClient users;
    private final RestClient products;
    private final RestClient payments;

    OrderService(JdbcClient jdbc,
                 @Value("${shop.users-url:http://localhost:8201}") String usersUrl,
                 @Value("${shop.products-url:http://localhost:8202}") String productsUrl,
                 @Value("${shop.payments-url:http://localhost:8204}") String paymentsUrl) {
        this.jdbc = jdbc;
        // Plain clients: no timeouts (the JDK client's default is to wait forever), no retries,
        // no circuit breaker, no fallback.
        this.users = RestClient.builder().baseUrl(usersUrl).build();
        this.products = RestClient.builder().baseUrl(productsUrl).build();
        this.payments = RestClient.builder().baseUrl(paymentsUrl).build();
    }

    /**
     * One local transaction around three remote calls. When a later step fails, the
     * exception rolls back the PENDING order row here, but nothing undoes what the other
     * services already did: the stock product-service reserved stays reserved, and a payment
     * payment-service captured stays captured if this transaction then fails to commit. There
     * is no compensation (no release of stock, no refund): a multi-step write without it.
     */
    @Transactional
    public OrderPlaced place(PlaceOrder request) {
        // Shared table: products belongs to product-service, but we read the price ourselves.
        long unitPrice = jdbc.sql("select price_cents from products where id = :id")
                .param("id", request.productId())
                .query(Long.class)
                .optional()
                .orElseThrow(() -> Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown product",
                        "There is no product " + request.productId()));
        long amount = Money.total(unitPrice, request.quantity());

        long orderId = jdbc.sql("""
                        insert into orders (user_id, product_id, quantity, amount_cents, status)
                        values (:userId, :productId, :quantity, :amount, :status)
                        returning id""")
                .param("userId", request.userId())
                .param("productId", request.productId())
                .param("quantity", request.quantity())
                .param("amount", amount)
                .param("status", OrderStatus.PENDING.name())
                .query(Long.class)
                .single();

        // 1. Does the user exist? Ask user-service and wait.
        users.get().uri("/users/{id}", request.userId())
                .retrieve()
                .onStatus(status -> status.value() == 404, (req, res) -> {
                    throw Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown user",
                            "There is no user " + request.userId());
                })
                .toBodilessEntity();

        // 2. Take the stock. Ask product-service and wait.
        products.post().uri("/products/{id}/reserve", request.productId())
                .body(new ReserveStock(request.quantity()))
                .retrieve()
                .onStatus(status -> status.value() == 409, (req, res) -> {
                    throw Problems.of(HttpStatus.CONFLICT, "Out of stock",
                            "Product " + request.productId() + " does not have " + request.quantity() + " items in stock");
                })
                .toBodilessEntity();

        // 3. Take the money. Ask payment-service and wait, however long the card processor takes.
        // A decline rolls back the order row, but not the stock reserved in step 2.
        payments.post().uri("/payments")
                .body(new PaymentRequest(orderId, request.userId(), amount, request.cardNumber()))
                .retrieve()
                .onStatus(status -> status.value() == 402, (req, res) -> {
                    throw Problems.of(HttpStatus.PAYMENT_REQUIRED, "Card declined",
                            "The card ending in " + last4(request.cardNumber()) + " was declined");
                })
                .body(PaymentReceipt.class);

        jdbc.sql("update orders set status = :status where id = :id")
                .param("status", OrderStatus.CONFIRMED.name())
                .param("id", orderId)
                .update();
        return new OrderPlaced(Long.toString(orderId), OrderStatus.CONFIRMED);
    }

    /** One query joining orders with users and products: more reads of other services' tables. */
    @Transactional(readOnly = true)
    public Optional<OrderDetails> find(long id) {
        return jdbc.sql("""
                        select o.id, o.status, o.quantity, o.amount_cents, o.created_at,
                               u.id as user_id, u.name as user_name, u.email as user_email,
                               p.id as product_id, p.name as product_name, p.price_cents, p.stock
                        from orders o
                        join users u on u.id = o.user_id
                        join products p on p.id = o.product_id
                        where o.id = :id""")
                .param("id", id)
                .query((rs, row) -> new OrderDetails(
                        Long.toString(rs.getLong("id")),
                        OrderStatus.valueOf(rs.getString("status")),
                        rs.getInt("quantity"),
                        rs.getLong("amount_cents"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        new User(rs.getLong("user_id"), rs.getString("user_name"), rs.getString("user_email")),
                        new Product(rs.getLong("product_id"), rs.getString("product_name"),
                                rs.getLong("price_cents"), rs.getLong("stock"))))
                .optional();
    }

    private static String last4(String cardNumber) {
        return cardNumber.substring(cardNumber.length() - 4);
    }
}
