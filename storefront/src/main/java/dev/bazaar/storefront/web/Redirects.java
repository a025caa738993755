package dev.bazaar.storefront.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.web.util.UriUtils;

/**
 * Where a form sends the browser next, built from what the request named (a SKU, an order's id). Each such part is
 * encoded: Spring reads {@code {...}} in a redirect as a variable of the model, so a SKU such as {@code {X}} made the
 * redirect itself fail with a 500, and a {@code /} or {@code ?} in it would lead elsewhere.
 */
final class Redirects {

    private Redirects() {
    }

    /** {@code redirect:<base><segment>/<segment>...}, each segment encoded. */
    static String to(String base, String... segments) {
        return "redirect:" + base + Arrays.stream(segments)
                .map(segment -> UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }
}
