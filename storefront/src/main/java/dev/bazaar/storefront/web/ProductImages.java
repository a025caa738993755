package dev.bazaar.storefront.web;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.HtmlUtils;

/**
 * A picture for every product: the catalog has none, so each SKU gets a generated one, the same colour every time, with
 * its shelf and number. It depends on nothing but the SKU, so it shows even while catalog is away.
 */
@Controller
class ProductImages {

    @GetMapping(path = "/images/{sku}.svg", produces = "image/svg+xml")
    ResponseEntity<String> image(@PathVariable String sku) {
        String text = sku.length() > 32 ? sku.substring(0, 32) : sku;
        int hue = Math.floorMod(text.hashCode(), 360);
        String shelf = text.contains("-") ? text.substring(0, text.indexOf('-')) : text;
        String svg = """
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" role="img" aria-label="%s">
                  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
                    <stop offset="0" stop-color="hsl(%d,55%%,62%%)"/><stop offset="1" stop-color="hsl(%d,60%%,38%%)"/>
                  </linearGradient></defs>
                  <rect width="400" height="300" fill="url(#g)"/>
                  <circle cx="330" cy="60" r="90" fill="rgba(255,255,255,0.12)"/>
                  <text x="32" y="250" font-family="Georgia, serif" font-size="64" fill="#fff">%s</text>
                  <text x="36" y="280" font-family="sans-serif" font-size="18" fill="rgba(255,255,255,0.85)">%s</text>
                </svg>
                """.formatted(HtmlUtils.htmlEscape(text), hue, (hue + 40) % 360, HtmlUtils.htmlEscape(shelf.toLowerCase()),
                HtmlUtils.htmlEscape(text));
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic()).body(svg);
    }
}
