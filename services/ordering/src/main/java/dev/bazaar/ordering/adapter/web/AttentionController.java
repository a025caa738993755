package dev.bazaar.ordering.adapter.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.OrderStatus;
import dev.bazaar.ordering.order.OrderStream;
import dev.bazaar.ordering.order.OrderSummary;
import dev.bazaar.ordering.order.application.OrdersNeedingAttention;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orders needing a person's attention, for the storefront's staff page (through the gateway): stuck ones, paged, and
 * the latest refunded. Staff and the operator only ({@code bazaar.access.rules}). The literal path is preferred by Spring
 * over {@code GET /api/orders/{id}}, so "attention" is never taken for an order id.
 */
@RestController
class AttentionController {

    static final int MAX_SIZE = 100;

    private final OrdersNeedingAttention attention;

    AttentionController(OrdersNeedingAttention attention) {
        this.attention = attention;
    }

    @GetMapping("/api/orders/attention")
    AttentionView attention(@RequestParam(defaultValue = "0") @Min(0) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_SIZE) int size) {
        OrdersNeedingAttention.Attention now = attention.now(new PageRequest(page, size));
        return new AttentionView(now.stuck().map(StuckView::of), now.refunded().stream().map(RefundedView::of).toList(),
                now.stuckAfter().toString());
    }

    /** @param stuckAfter an ISO-8601 duration, {@code PT5M} */
    record AttentionView(Page<StuckView> stuck, List<RefundedView> refunded, String stuckAfter) {
    }

    record MoneyView(BigDecimal amount, String currency) {
        static MoneyView of(Money money) {
            return new MoneyView(money.amount(), money.currency());
        }
    }

    /** @param waitingFor what the order waits for, in words a person reads: payment, shipment, delivery or cancellation */
    record StuckView(String orderId, String customerId, String status, MoneyView total, Instant placedAt, Instant updatedAt,
                     String waitingFor) {
        static StuckView of(OrderSummary order) {
            return new StuckView(order.orderId().toString(), order.customerId().toString(), order.status().name(),
                    MoneyView.of(order.total()), order.placedAt(), order.updatedAt(), AttentionController.waitingFor(order.status()));
        }
    }

    record RefundedView(String orderId, String customerId, MoneyView total, Instant cancelledAt, String reason) {
        static RefundedView of(OrderStream.CancelledAfterConfirmation order) {
            return new RefundedView(order.orderId().toString(), order.customerId().toString(), MoneyView.of(order.total()),
                    order.cancelledAt(), order.reason());
        }
    }

    static String waitingFor(OrderStatus status) {
        return switch (status) {
            case PENDING -> "payment";
            case CONFIRMED -> "shipment";
            case SHIPPED -> "delivery";
            case CANCELLING -> "cancellation";
            default -> "nothing";
        };
    }
}
