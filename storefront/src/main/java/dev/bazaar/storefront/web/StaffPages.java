package dev.bazaar.storefront.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import dev.bazaar.storefront.StorefrontProperties;
import dev.bazaar.storefront.api.Gateway;
import dev.bazaar.storefront.api.Model.Attention;
import dev.bazaar.storefront.api.Model.Money;
import dev.bazaar.storefront.api.Model.Product;
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
 * Staff's pages (role staff, see SecurityConfiguration; catalog, inventory, ordering and customer check the token again):
 * orders needing attention (stuck, refunded), add a product, change a price, receive stock, and answer support
 * requests; the operations console has the platform's health, its alerts and the dead letters' counts.
 */
@Controller
class StaffPages {

    private final Gateway gateway;
    private final StorefrontProperties properties;

    StaffPages(Gateway gateway, StorefrontProperties properties) {
        this.gateway = gateway;
        this.properties = properties;
    }

    @GetMapping("/staff")
    String staff(Model model) {
        model.addAttribute("console", properties.console());
        try {
            model.addAttribute("queue", gateway.supportQueue("OPEN", 0).items());
        } catch (Unavailable | Refused e) {
            // Each panel says for itself that it cannot be read (a service away, or a 429): the others still show.
            model.addAttribute("queue", null);
        }
        try {
            Attention attention = gateway.ordersNeedingAttention();
            model.addAttribute("attention", attention).addAttribute("stuckAfter",
                    Duration.parse(attention.stuckAfter()).toMinutes() + " minutes");
        } catch (Unavailable | Refused e) {
            model.addAttribute("attention", null);
        }
        try {
            model.addAttribute("deadLetters", gateway.deadLetters());
        } catch (Unavailable | Refused e) {
            model.addAttribute("deadLetters", null);
        }
        return "staff";
    }

    @PostMapping("/staff/products")
    String addProduct(@RequestParam String sku, @RequestParam String name, @RequestParam(defaultValue = "") String description,
                      @RequestParam String category, @RequestParam BigDecimal price, RedirectAttributes next) {
        return act(next, () -> {
            Product added = gateway.addProduct(new Product(sku.strip().toUpperCase(Locale.ROOT), name.strip(),
                    description.strip(), category.strip().toLowerCase(Locale.ROOT), new Money(price, "EUR")));
            return "Added " + added.name() + " (" + added.sku() + ") at " + added.price().text() + ".";
        });
    }

    @PostMapping("/staff/prices")
    String changePrice(@RequestParam String sku, @RequestParam BigDecimal price, RedirectAttributes next) {
        return act(next, () -> {
            Product changed = gateway.changePrice(sku.strip().toUpperCase(Locale.ROOT), new Money(price, "EUR"));
            return changed.name() + " now costs " + changed.price().text() + ".";
        });
    }

    @PostMapping("/staff/stock")
    String receiveStock(@RequestParam String sku, @RequestParam int quantity, RedirectAttributes next) {
        return act(next, () -> {
            var stock = gateway.receiveStock(sku.strip().toUpperCase(Locale.ROOT), quantity);
            return "Received " + quantity + " of " + stock.sku() + "; " + stock.available() + " available.";
        });
    }

    @GetMapping("/staff/support/{customerId}/{id}")
    String request(@PathVariable String customerId, @PathVariable String id, Model model) {
        model.addAttribute("request", gateway.supportRequest(customerId, id)).addAttribute("base", "/staff/support/" + customerId + "/" + id);
        return "support-request";
    }

    @PostMapping("/staff/support/{customerId}/{id}/messages")
    String reply(@PathVariable String customerId, @PathVariable String id, @RequestParam String text, RedirectAttributes next) {
        return SupportThreads.write(gateway, customerId, id, text, next, Redirects.to("/staff/support/", customerId, id));
    }

    @PostMapping("/staff/support/{customerId}/{id}/close")
    String close(@PathVariable String customerId, @PathVariable String id) {
        gateway.closeSupportRequest(customerId, id);
        return "redirect:/staff";
    }

    private static String act(RedirectAttributes next, Supplier<String> action) {
        try {
            next.addFlashAttribute("notice", action.get());
        } catch (Refused e) {
            next.addFlashAttribute("problem", Words.refusal(e));
        }
        return "redirect:/staff";
    }
}
