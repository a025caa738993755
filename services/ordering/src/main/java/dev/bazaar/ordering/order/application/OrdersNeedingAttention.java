package dev.bazaar.ordering.order.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.bazaar.ordering.OrderingProperties;
import dev.bazaar.ordering.order.OrderStream;
import dev.bazaar.ordering.order.OrderSummary;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The orders a person should look at, for the staff's page: those stuck (unfinished and unchanged for
 * {@code ordering.attention-after}, from the read model) and those recently refunded (cancelled after their payment was
 * captured, from the streams). Two indexed queries, no replay.
 */
@Service
public class OrdersNeedingAttention {

    /** How many refunds are listed, and how far back. */
    static final int REFUNDS = 20;
    static final Duration REFUNDS_WITHIN = Duration.ofHours(24);

    private final CustomerOrders customerOrders;
    private final OrderStream orders;
    private final OrderingProperties settings;
    private final Clock clock;

    public OrdersNeedingAttention(CustomerOrders customerOrders, OrderStream orders, OrderingProperties settings, Clock clock) {
        this.customerOrders = customerOrders;
        this.orders = orders;
        this.settings = settings;
        this.clock = clock;
    }

    /** @param stuckPage which page of the stuck orders, the longest unchanged first */
    @Transactional(readOnly = true)
    public Attention now(PageRequest stuckPage) {
        Instant now = clock.instant();
        return new Attention(customerOrders.unfinishedUnchangedSince(now.minus(settings.attentionAfter()), stuckPage),
                orders.cancelledAfterConfirmation(now.minus(REFUNDS_WITHIN), REFUNDS), settings.attentionAfter());
    }

    /** @param stuckAfter how long an unfinished order stays unchanged before it is listed as stuck */
    public record Attention(Page<OrderSummary> stuck, List<OrderStream.CancelledAfterConfirmation> refunded, Duration stuckAfter) {
    }
}
