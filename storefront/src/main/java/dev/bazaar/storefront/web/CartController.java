package dev.bazaar.storefront.web;

import java.util.UUID;

import dev.bazaar.storefront.api.Gateway;
import dev.bazaar.storefront.api.Model.Cart;
import dev.bazaar.storefront.api.Model.CartItem;
import dev.bazaar.storefront.api.Model.Me;
import dev.bazaar.storefront.api.Model.Placed;
import dev.bazaar.storefront.api.Refused;
import dev.bazaar.storefront.api.Unavailable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The shopper's cart, which ordering keeps (so it is the same on any device), and checkout, which turns it into an
 * order. Each form posts and redirects (a reload repeats nothing); checkout carries an idempotency key made when its
 * page was drawn, so that a double click or a resent form places one order.
 */
@Controller
class CartController {

    static final int MAX_QUANTITY = 1000;

    private final Gateway gateway;

    CartController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/cart")
    String cart(Model model) {
        model.addAttribute("cart", gateway.cart());
        return "cart";
    }

    /** From a product's page: this many more of it. */
    @PostMapping("/cart/add")
    String add(@RequestParam String sku, @RequestParam(defaultValue = "1") int quantity, RedirectAttributes next) {
        int inCart = gateway.cart().items().stream().filter(item -> item.sku().equals(sku)).mapToInt(CartItem::quantity).sum();
        try {
            gateway.setQuantity(sku, (int) Math.min(MAX_QUANTITY, (long) inCart + Math.max(1, quantity)));
        } catch (Refused e) {
            next.addFlashAttribute("problem", Words.refusal(e));
            return Redirects.to("/products/", sku);
        }
        next.addFlashAttribute("notice", "Added to your cart.");
        return "redirect:/cart";
    }

    @PostMapping("/cart/items/{sku}")
    String change(@PathVariable String sku, @RequestParam int quantity, RedirectAttributes next) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            next.addFlashAttribute("problem", "A quantity is a whole number from 1 to " + MAX_QUANTITY + ".");
        } else {
            gateway.setQuantity(sku, quantity);
        }
        return "redirect:/cart";
    }

    @PostMapping("/cart/items/{sku}/remove")
    String remove(@PathVariable String sku) {
        gateway.remove(sku);
        return "redirect:/cart";
    }

    @GetMapping("/checkout")
    String checkout(Model model) {
        Cart cart = gateway.cart();
        if (cart.isEmpty()) {
            return "redirect:/cart";
        }
        model.addAttribute("cart", cart);
        // A checkout sent back here keeps its key: had it been placed after all (an answer lost on the way), the
        // next try answers that order instead of placing another.
        if (!model.containsAttribute("key")) {
            model.addAttribute("key", UUID.randomUUID().toString());
        }
        try {
            Me me = gateway.me();
            model.addAttribute("profile", me.profile().ok() ? me.profile().value() : null);
        } catch (Unavailable e) {
            model.addAttribute("profile", null);
        }
        return "checkout";
    }

    /** The key is the one the checkout page made, a UUID: anything else is a form not of this shop's making (a 400). */
    @PostMapping("/checkout")
    String placeOrder(@RequestParam String card, @RequestParam UUID key, RedirectAttributes next) {
        String digits = card.replaceAll("[\\s-]", "");
        try {
            Placed placed = gateway.checkout(digits, key.toString());
            return "redirect:/orders/" + placed.orderId();
        } catch (Refused e) {
            next.addFlashAttribute("problem", Words.refusal(e));
        } catch (Unavailable e) {
            next.addFlashAttribute("problem", Words.CHECKOUT_UNAVAILABLE);
        }
        next.addFlashAttribute("key", key.toString());
        return "redirect:/checkout";
    }
}
