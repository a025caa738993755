package dev.bazaar.ordering.adapter.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.bazaar.ordering.OrderingProperties;
import dev.bazaar.ordering.order.IllegalOrderTransition;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.application.CustomerOrdersProjection;
import dev.bazaar.ordering.order.application.OrderQueries;
import dev.bazaar.ordering.order.application.OrderSaga;
import dev.bazaar.ordering.order.application.UnknownOrder;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import dev.bazaar.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations on ordering's own port (the gateway does not route /admin): the orders as their streams
 * say, for the launcher's audit, and the rebuild of the customers' order lists.
 */
@RestController
@RequestMapping("/admin")
class AdminController {

    private final OrderQueries queries;
    private final OrderSaga saga;
    private final CustomerOrdersProjection customerOrders;
    private final OrderingProperties settings;

    AdminController(OrderQueries queries, OrderSaga saga, CustomerOrdersProjection customerOrders, OrderingProperties settings) {
        this.queries = queries;
        this.saga = saga;
        this.customerOrders = customerOrders;
        this.settings = settings;
    }

    /**
     * Every order by id (PostgreSQL's uuid order). Order ids are random, so an offset page shifts as orders keep coming;
     * an audit walks with {@code after} (the previous page's last id) instead, and sees each order once. {@code through}
     * ends a range, so that the audit can read the payments and reservations of exactly the orders it has read.
     */
    @GetMapping("/orders")
    Page<AdminOrderView> orders(@RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "100") @Min(1) @Max(PageRequest.MAX_SIZE) int size,
                                @RequestParam(required = false) UUID after,
                                @RequestParam(required = false) UUID through) {
        return queries.all(after == null ? null : new OrderId(after), through == null ? null : new OrderId(through),
                PageRequest.of(page, size, after)).map(order -> AdminOrderView.of(order, settings));
    }

    /** An operator gives an order up before it ships: 409 once it has shipped or finished, 404 for an unknown one. */
    @PostMapping("/orders/{id}/cancel")
    AdminOrderView cancel(@PathVariable String id, @RequestBody @Valid CancelRequest request) {
        OrderId orderId = orderId(id);
        saga.on(new OrderSaga.CancellationRequested(orderId, request.reason()));
        return AdminOrderView.of(queries.find(orderId).orElseThrow(() -> new UnknownOrder(orderId)), settings);
    }

    record CancelRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @ExceptionHandler(UnknownOrder.class)
    ProblemDetail unknownOrder(UnknownOrder e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "unknown-order", "Unknown order", e.getMessage());
    }

    @ExceptionHandler(IllegalOrderTransition.class)
    ProblemDetail cannotCancel(IllegalOrderTransition e) {
        return Problems.problem(HttpStatus.CONFLICT, "order-not-cancellable", "Order cannot be cancelled", e.getMessage());
    }

    private static OrderId orderId(String id) {
        try {
            return OrderId.of(id);
        } catch (IllegalArgumentException e) {
            throw Problems.exception(HttpStatus.NOT_FOUND, "unknown-order", "Unknown order", "No order has id " + id);
        }
    }

    @PostMapping("/projections/" + CustomerOrdersProjection.NAME + "/rebuild")
    CustomerOrdersProjection.Rebuild rebuildCustomerOrders() {
        return customerOrders.rebuild();
    }

    record MoneyView(BigDecimal amount, String currency) {
        static MoneyView of(Money money) {
            return new MoneyView(money.amount(), money.currency());
        }
    }

    record LineView(String sku, int quantity, MoneyView unitPrice) {
    }

    /**
     * @param deadline when the sweeper gives the order up if the saga has not finished it (an order already CANCELLING keeps
     *                 it, past which the audit reports it waiting); null once it is finished
     */
    record AdminOrderView(String orderId, String customerId, String status, List<LineView> lines, MoneyView total,
                          Instant placedAt, Instant updatedAt, Instant deadline) {
        static AdminOrderView of(Order order, OrderingProperties settings) {
            return new AdminOrderView(order.id().toString(), order.customerId().toString(), order.status().name(),
                    order.lines().stream().map(l -> new LineView(l.sku().value(), l.quantity(), MoneyView.of(l.unitPrice()))).toList(),
                    MoneyView.of(order.total()), order.placedAt(), order.updatedAt(),
                    order.deadline(settings.sagaDeadline()).orElse(null));
        }
    }
}
