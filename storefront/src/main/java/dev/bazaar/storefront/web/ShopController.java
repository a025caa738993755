package dev.bazaar.storefront.web;

import java.util.List;
import java.util.Optional;

import dev.bazaar.storefront.api.Gateway;
import dev.bazaar.storefront.api.Model.Page;
import dev.bazaar.storefront.api.Model.Product;
import dev.bazaar.storefront.api.Model.ProductLookup;
import dev.bazaar.storefront.api.Model.Stock;
import dev.bazaar.storefront.api.Refused;
import dev.bazaar.storefront.api.Unavailable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Browsing, for anyone: the home page with the categories, search, and a product's page with its live availability. */
@Controller
class ShopController {

    static final int PAGE_SIZE = 24;
    /** The catalog's longest search text and category name; longer ones are cut rather than refused. */
    private static final int MAX_QUERY = 100;
    private static final int MAX_CATEGORY = 50;

    private final Gateway gateway;

    ShopController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping({"/", "/search"})
    String home(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
                @RequestParam(defaultValue = "0") int page, Model model) {
        String query = trimmed(q, MAX_QUERY);
        String shelf = trimmed(category, MAX_CATEGORY);
        int from = Math.max(0, Math.min(page, 10_000));
        model.addAttribute("q", query).addAttribute("category", shelf);
        Page<Product> products = gateway.products(query, shelf, from, PAGE_SIZE);
        model.addAttribute("products", products);
        // The shelves are the categories of the catalog's products; one page of a hundred holds every one of a small shop's.
        model.addAttribute("categories", query == null && shelf == null && from == 0 && products.total() <= PAGE_SIZE
                ? categories(products.items()) : categories(gateway.products(null, null, 0, 100).items()));
        return "home";
    }

    @GetMapping("/products/{sku}")
    String product(@PathVariable String sku, Model model) {
        ProductLookup lookup = gateway.product(sku);
        model.addAttribute("sku", sku).addAttribute("lookup", lookup);
        // Availability is inventory's, asked live; a product shown from memory cannot be added, so it need not be asked.
        Optional<Stock> stock = Optional.empty();
        if (lookup.known() && !lookup.stale()) {
            try {
                stock = Optional.of(gateway.stock(sku));
            } catch (Unavailable | Refused e) {
                stock = Optional.empty();
            }
        }
        model.addAttribute("stock", stock.orElse(null));
        return "product";
    }

    private static List<String> categories(List<Product> products) {
        return products.stream().map(Product::category).filter(c -> c != null && !c.isBlank()).distinct().sorted().toList();
    }

    private static String trimmed(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() > max ? stripped.substring(0, max) : stripped;
    }
}
