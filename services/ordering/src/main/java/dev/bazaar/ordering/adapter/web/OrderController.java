package dev.bazaar.ordering.adapter.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.bazaar.ordering.order.CardNumber;
import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderStatus;
import dev.bazaar.ordering.order.OrderStream;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.order.application.Checkout;
import dev.bazaar.ordering.order.application.CheckoutAdmission;
import dev.bazaar.ordering.order.application.OrderQueries;
import dev.bazaar.ordering.order.application.ShopperCancellation;
import dev.bazaar.ordering.order.application.UnknownOrder;
import dev.bazaar.platform.web.Caller;
import dev.bazaar.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checkout and order tracking. A shopper places orders for themselves, the customer their token names (only
 * shoppers may: see {@code bazaar.access.rules}), and sees only their own: another customer's order is answered as
 * an unknown one, so that order ids cannot be probed. Staff and the operator see every order.
 *
 * <p>The card number is never bound to anything that could print it:
 * bean validation would keep it as a "rejected value" in its exception message, so it is checked
 * by {@link CardNumber#parse} instead, whose errors never repeat it, and the request prints without it.
 *
 * <p>What a checkout can answer besides its order is in {@link CheckoutProblems}, shared with the cart's checkout.
 */
@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final Checkout checkout;
    private final CheckoutAdmission admission;
    private final OrderQueries queries;
    private final ShopperCancellation cancellation;

    OrderController(Checkout checkout, CheckoutAdmission admission, OrderQueries queries, ShopperCancellation cancellation) {
        this.checkout = checkout;
        this.admission = admission;
        this.queries = queries;
        this.cancellation = cancellation;
    }

    @PostMapping
    ResponseEntity<Placed> place(@Valid @RequestBody PlaceOrderRequest request,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                 @RequestHeader(name = "X-Request-Start", required = false) String requestStart,
                                 Caller caller) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new IllegalArgumentException("An Idempotency-Key has 1 to 200 characters");
        }
        CardNumber card = CardNumber.parse(request.payment().card());
        Checkout.PlaceOrder command = new Checkout.PlaceOrder(new CustomerId(caller.customerId()),
                request.lines().stream().map(line -> new Checkout.Item(new Sku(line.sku()), line.quantity())).toList(),
                card, idempotencyKey);
        try {
            admission.admit(receivedAt(requestStart));
        } catch (CheckoutAdmission.Refused refused) {
            return accepted(checkout.placedBefore(command.customer(), idempotencyKey, command.fingerprint()).orElseThrow(() -> refused));
        }
        return accepted(checkout.place(command));
    }

    /** 202, and where to follow the order. */
    static ResponseEntity<Placed> accepted(Checkout.Placement placement) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/orders/" + placement.orderId()))
                .body(new Placed(placement.orderId().toString(), OrderStatus.PENDING.name()));
    }

    /** When the gateway received the request ({@code X-Request-Start: t=<epoch millis>}); null when it did not say. */
    static Instant receivedAt(String requestStart) {
        if (requestStart == null || !requestStart.startsWith("t=")) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(requestStart.substring(2)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @GetMapping("/{id}")
    OrderView order(@PathVariable String id, Caller caller) {
        return OrderView.of(readable(id, caller));
    }

    @GetMapping("/{id}/events")
    List<EventView> events(@PathVariable String id, Caller caller) {
        return queries.events(readable(id, caller).id()).stream().map(EventView::of).toList();
    }

    /**
     * The shopper gives their order up (only shoppers may: see {@code bazaar.access.rules}), with or without a reason.
     * 202: payment refunds or voids and inventory releases or restocks afterwards. Asked again, the same answer.
     */
    @PostMapping("/{id}/cancel")
    ResponseEntity<OrderView> cancel(@PathVariable String id, @Valid @RequestBody(required = false) CancelRequest request,
                                     Caller caller) {
        Order order = cancellation.cancel(new ShopperCancellation.CancelOrder(orderId(id), new CustomerId(caller.customerId()),
                request == null ? null : request.reason()));
        return ResponseEntity.accepted().body(OrderView.of(order));
    }

    /** The order, if there is one and the caller may see it: another customer's order is as unknown as no order. */
    private Order readable(String id, Caller caller) {
        OrderId orderId = orderId(id);
        return queries.find(orderId).filter(order -> caller.mayRead(order.customerId().value()))
                .orElseThrow(() -> new UnknownOrder(orderId));
    }

    /** Not a UUID is no order either. */
    private static OrderId orderId(String id) {
        try {
            return OrderId.of(id);
        } catch (IllegalArgumentException e) {
            throw new UnknownOrder(id);
        }
    }

    @ExceptionHandler(UnknownOrder.class)
    ProblemDetail unknownOrder(UnknownOrder e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "unknown-order", "Unknown order", e.getMessage());
    }

    /** 409: shipped ({@code order-shipped}) or ended otherwise ({@code order-ended}), with where the order stands. */
    @ExceptionHandler(ShopperCancellation.Refused.class)
    ProblemDetail cannotCancel(ShopperCancellation.Refused e) {
        Order order = e.order();
        ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, e.problemType(), "Order cannot be cancelled", e.getMessage());
        problem.setProperty("orderStatus", order.status().name());
        problem.setProperty("reason", order.lastChange().reason());
        return problem;
    }

    /** Saga facts kept winning the append (three times): rare, and a retry decides on the order as it is then. */
    @ExceptionHandler(OrderStream.ConcurrentOrderUpdate.class)
    ResponseEntity<ProblemDetail> busy(OrderStream.ConcurrentOrderUpdate e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).header("Retry-After", "1")
                .body(Problems.problem(HttpStatus.CONFLICT, "order-busy", "Order is changing", e.getMessage() + "; try again"));
    }

    /** The shopper's own words, kept with the cancellation; optional. */
    record CancelRequest(@Size(max = 200) String reason) {
    }

    /** No customer: the order is the caller's. */
    record PlaceOrderRequest(@NotNull @Size(min = 1, max = Order.MAX_LINES) List<@NotNull @Valid LineRequest> lines,
                             @NotNull @Valid PaymentRequest payment) {
    }

    record LineRequest(@NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,31}", message = "must be 2 to 32 capital letters, digits and dashes") String sku,
                       @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    /** Deliberately no format constraint on the card: see the class comment. */
    record PaymentRequest(@NotBlank String card) {
        @Override
        public String toString() {
            return "PaymentRequest[card=(hidden)]";
        }
    }

    record Placed(String orderId, String status) {
    }

    record MoneyView(BigDecimal amount, String currency) {
        static MoneyView of(Money money) {
            return new MoneyView(money.amount(), money.currency());
        }
    }

    record LineView(String sku, String name, int quantity, MoneyView unitPrice) {
    }

    record PaymentView(String cardLast4) {
    }

    record HistoryView(String status, Instant at, String reason) {
    }

    record OrderView(String orderId, String customerId, String status, List<LineView> lines, MoneyView total,
                     PaymentView payment, List<HistoryView> history) {
        static OrderView of(Order order) {
            return new OrderView(order.id().toString(), order.customerId().toString(), order.status().name(),
                    order.lines().stream().map(l -> new LineView(l.sku().value(), l.name(), l.quantity(), MoneyView.of(l.unitPrice()))).toList(),
                    MoneyView.of(order.total()), new PaymentView(order.card().last4()),
                    order.history().stream().map(h -> new HistoryView(h.status().name(), h.at(), h.reason())).toList());
        }
    }

    record EventView(int version, String type, Instant at, @JsonRawValue String payload) {
        static EventView of(OrderStream.RecordedEvent event) {
            return new EventView(event.version(), event.type(), event.at(), event.payload());
        }
    }
}
