package dev.bazaar.storefront.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.bazaar.storefront.api.Model.Order;
import dev.bazaar.storefront.api.Model.OrderOverview;
import dev.bazaar.storefront.api.Model.PaymentState;
import dev.bazaar.storefront.api.Refused;

/**
 * What the platform says, in words a shopper understands, with what to do next. The services name their reasons for
 * machines ({@code payment declined}, {@code insufficient stock}); nothing here invents a state they did not report.
 */
final class Words {

    static final String CHECKOUT_UNAVAILABLE = "We could not reach our checkout just now, and your order may not be placed. "
            + "Please try again in a moment: trying again with this page never orders twice.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.UK)
            .withZone(ZoneId.systemDefault());

    private Words() {
    }

    static String label(String status) {
        return switch (status) {
            case "PENDING" -> "Received";
            case "CONFIRMED" -> "Paid, being packed";
            case "SHIPPED" -> "Shipped";
            case "CANCELLING" -> "Being cancelled";
            case "DELIVERED" -> "Delivered";
            case "REJECTED" -> "Not placed";
            case "CANCELLED" -> "Cancelled";
            default -> status;
        };
    }

    private static boolean ended(String status) {
        return status.equals("DELIVERED") || status.equals("REJECTED") || status.equals("CANCELLED");
    }

    /**
     * Whether nothing more will change on the order's page: the order has ended and so has its money. A cancelled order
     * may still read "Paid" for a moment before payment has heard of the cancellation and started the refund, so an
     * ended status alone is not enough to stop following it.
     */
    static boolean settled(OrderOverview overview) {
        String status = overview.order().value().status();
        if (!ended(status) || overview.payment() == null || !overview.payment().ok()) {
            return false;
        }
        return switch (String.valueOf(overview.payment().value().status())) {
            case "DECLINED", "VOIDED", "REFUNDED" -> true;
            case "CAPTURED" -> status.equals("DELIVERED");
            default -> false;
        };
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** Why the order stands where it does, when that needs saying; empty when its status says it all. */
    static String explain(OrderOverview overview) {
        Order order = overview.order().value();
        String reason = order.history() == null || order.history().isEmpty() ? "" : String.valueOf(order.history().get(order.history().size() - 1).reason());
        return switch (order.status()) {
            case "PENDING" -> overview.payment() != null && overview.payment().unavailable()
                    ? "Your order is placed. Our payment service is catching up: your card will be charged as soon as it is back, "
                            + "and this page will show it. There is nothing you need to do."
                    : "We are setting your items aside and taking the payment.";
            case "REJECTED" -> reason.contains("stock")
                    ? "Sorry: some of these items sold out before we could set them aside, so the order was not placed and "
                            + "nothing was charged. You can order again with fewer of them, or another time."
                    : "The order could not be placed (" + reason + "). Nothing was charged.";
            // Paid: ordering waits for fulfillment to stop the parcel before it refunds anything.
            case "CANCELLING" -> (reason.startsWith("cancelled by the shopper") ? "You cancelled this order. " : "This order is being cancelled. ")
                    + "We are stopping its parcel; then anything charged is refunded to your card. If it was delivered already, "
                    + "it stays yours and the order shows as delivered.";
            case "CANCELLED" -> reason.startsWith("cancelled by the shopper")
                    ? "You cancelled this order. Anything charged is refunded to your card, and the items go back on the shelf."
                    : switch (reason) {
                case "payment declined" -> "Your card was declined, so the order was cancelled and no money was taken. "
                        + "Please check the card number, or pay with another card.";
                case "deadline passed", "reservation expired" -> "We could not complete this order in time, so we cancelled it. "
                        + "Anything charged is refunded to your card.";
                default -> "This order was cancelled" + (reason.isBlank() || reason.equals("null") ? "" : " (" + reason + ")")
                        + ". Anything charged is refunded to your card.";
            };
            default -> "";
        };
    }

    /** What became of the money, once payment has a say: empty while there is nothing to tell. */
    static String payment(OrderOverview overview) {
        if (overview.payment() == null || !overview.payment().ok() || overview.payment().value().status() == null) {
            return "";
        }
        PaymentState payment = overview.payment().value();
        String amount = payment.amount() == null ? "" : payment.amount().text() + " ";
        String card = payment.cardLast4() == null ? "your card" : "the card ending " + payment.cardLast4();
        return switch (payment.status()) {
            case "CAPTURED" -> "Paid: " + amount + "charged to " + card + ".";
            case "REFUNDING" -> "Refund on its way: " + amount + "back to " + card + ".";
            case "REFUNDED" -> "Refunded: " + amount + "back to " + card + ".";
            case "VOIDING", "VOIDED" -> "Not charged: nothing was taken from " + card + ".";
            case "DECLINED" -> "Declined: nothing was taken from " + card + ".";
            default -> "";
        };
    }

    /** Whether the shopper may still cancel: until it ships. */
    static boolean cancellable(String status) {
        return status.equals("PENDING") || status.equals("CONFIRMED");
    }

    /** A refusal from the platform, explained: the cases a shopper can meet, and the service's own sentence for others. */
    static String refusal(Refused refused) {
        return switch (refused.problem()) {
            case "unknown-product" -> "That product is no longer sold.";
            case "payment-unavailable" -> "Payments are not open for a moment. Please try again in a few seconds.";
            case "checkout-busy", "saga-behind", "rate-limited" -> "We are very busy right now. Please try again in a moment.";
            case "idempotency-key-reused" -> "This checkout was already used for another order; see your orders before trying again.";
            case "cart-empty" -> "Your cart is empty.";
            // Ordering words these for the shopper already: when it shipped, or how the order ended.
            case "order-shipped", "order-ended" -> refused.detail();
            default -> refused.status() == 429 ? "We are very busy right now. Please try again in a moment." : refused.detail();
        };
    }
}
