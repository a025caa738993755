package dev.bazaar.storefront.web;

import java.util.List;
import java.util.Map;

import dev.bazaar.storefront.api.Gateway;
import dev.bazaar.storefront.api.Model.HistoryEntry;
import dev.bazaar.storefront.api.Model.Order;
import dev.bazaar.storefront.api.Model.OrderOverview;
import dev.bazaar.storefront.api.Model.OrderSummary;
import dev.bazaar.storefront.api.Model.Page;
import dev.bazaar.storefront.api.Refused;
import dev.bazaar.storefront.api.Unavailable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The shopper's orders and one order's page, whose status follows the saga live: the page asks {@code status} every
 * two seconds until the order has ended and its money settled (a page needs no server push for that; a poll costs one composed read at the
 * gateway). Until it ships, the shopper may cancel it. Ordering decides whose order it is: another shopper's is a 404 there, and so
 * a page not found here.
 */
@Controller
class OrderPages {

    private final Gateway gateway;

    OrderPages(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/orders")
    String orders(@AuthenticationPrincipal OidcUser shopper, @RequestParam(defaultValue = "0") int page, Model model) {
        // The shopper's customer id is their account's: identity's subject.
        Page<OrderSummary> orders = gateway.orders(shopper.getSubject(), Math.max(0, Math.min(page, 10_000)));
        model.addAttribute("orders", orders).addAttribute("rows", orders.items().stream().map(order -> Map.of(
                "orderId", order.orderId(), "placed", Words.time(order.placedAt()), "status", Words.label(order.status()),
                "total", order.total().text())).toList());
        return "orders";
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable String id, Model model) {
        OrderOverview overview = gateway.order(id);
        Order order = overview.order().value();
        model.addAttribute("order", order)
                .addAttribute("statusLabel", Words.label(order.status()))
                .addAttribute("steps", order.history().stream().map(OrderPages::step).toList())
                .addAttribute("tracking", tracking(overview))
                .addAttribute("explanation", Words.explain(overview))
                .addAttribute("payment", Words.payment(overview))
                .addAttribute("cancellable", Words.cancellable(order.status()))
                .addAttribute("settled", Words.settled(overview));
        return "order";
    }

    @PostMapping("/orders/{id}/cancel")
    String cancel(@PathVariable String id, RedirectAttributes next) {
        try {
            gateway.cancel(id);
            next.addFlashAttribute("notice", "Your order is cancelled.");
        } catch (Refused e) {
            if (e.status() == 404) {
                throw e;
            }
            next.addFlashAttribute("problem", Words.refusal(e));
        }
        return Redirects.to("/orders/", id);
    }

    /** What the order page refreshes: its status, in words, and the tracking number once there is one. */
    @GetMapping(path = "/orders/{id}/status", produces = "application/json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> status(@PathVariable String id) {
        try {
            OrderOverview overview = gateway.order(id);
            Order order = overview.order().value();
            List<Map<String, Object>> history = order.history().stream().map(OrderPages::step).toList();
            return ResponseEntity.ok(Map.of("status", order.status(), "label", Words.label(order.status()),
                    "settled", Words.settled(overview), "explanation", Words.explain(overview),
                    "payment", Words.payment(overview), "cancellable", Words.cancellable(order.status()),
                    "tracking", tracking(overview), "history", history));
        } catch (Refused e) {
            return ResponseEntity.status(e.status() == 404 ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST).build();
        } catch (Unavailable e) {
            // The page keeps what it shows and asks again: ordering is away for now, the order is not lost.
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
    }

    private static Map<String, Object> step(HistoryEntry entry) {
        return Map.of("label", Words.label(entry.status()), "at", Words.time(entry.at()));
    }

    private static String tracking(OrderOverview overview) {
        return overview.shipment() != null && overview.shipment().ok() && overview.shipment().value().trackingNumber() != null
                ? overview.shipment().value().trackingNumber() : "";
    }
}
