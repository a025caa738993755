package dev.bazaar.ordering.adapter.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.OrderSummary;
import dev.bazaar.ordering.order.application.CustomerOrdersProjection;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import dev.bazaar.platform.web.Caller;
import dev.bazaar.platform.web.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A customer's orders, the latest first, from the read model ordering keeps of its own events (the
 * gateway routes {@code /api/customers/{id}/orders} here, not to customer). A customer without orders
 * simply has an empty list. A shopper sees only their own list: another customer's is answered as an
 * unknown customer, so that customer ids cannot be probed. Staff and the operator see every list.
 */
@RestController
class CustomerOrdersController {

    private final CustomerOrdersProjection projection;

    CustomerOrdersController(CustomerOrdersProjection projection) {
        this.projection = projection;
    }

    @GetMapping("/api/customers/{customerId}/orders")
    Page<CustomerOrderView> orders(@PathVariable UUID customerId,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "20") @Min(1) @Max(PageRequest.MAX_SIZE) int size,
                                   Caller caller) {
        if (!caller.mayRead(customerId)) {
            throw Problems.exception(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer", "No customer has id " + customerId);
        }
        return projection.of(new CustomerId(customerId), new PageRequest(page, size)).map(CustomerOrderView::of);
    }

    /** A customer id that is not a UUID names no customer. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail notAnId(MethodArgumentTypeMismatchException e) {
        return Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                e.getName() + " is not a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName()));
    }

    record MoneyView(BigDecimal amount, String currency) {
    }

    record CustomerOrderView(String orderId, String status, MoneyView total, Instant placedAt, Instant updatedAt) {
        static CustomerOrderView of(OrderSummary summary) {
            return new CustomerOrderView(summary.orderId().toString(), summary.status().name(),
                    new MoneyView(summary.total().amount(), summary.total().currency()), summary.placedAt(), summary.updatedAt());
        }
    }
}
