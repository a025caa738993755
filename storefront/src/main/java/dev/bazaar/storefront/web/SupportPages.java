package dev.bazaar.storefront.web;

import java.util.UUID;

import dev.bazaar.storefront.api.Gateway;
import dev.bazaar.storefront.api.Model.SupportRequest;
import dev.bazaar.storefront.api.Refused;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The shopper's support requests about their orders, which customer keeps: open one, follow its history, write again,
 * close it. Staff answer them from the staff pages. Customer decides whose a request is.
 */
@Controller
class SupportPages {

    private final Gateway gateway;

    SupportPages(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/support")
    String requests(@AuthenticationPrincipal OidcUser shopper, @RequestParam(required = false) String order, Model model) {
        model.addAttribute("requests", gateway.supportRequests(shopper.getSubject(), 0))
                .addAttribute("orders", gateway.orders(shopper.getSubject(), 0).items())
                .addAttribute("order", order).addAttribute("key", UUID.randomUUID().toString());
        return "support";
    }

    @PostMapping("/support")
    String open(@AuthenticationPrincipal OidcUser shopper, @RequestParam String orderId, @RequestParam String subject,
                @RequestParam String message, @RequestParam UUID key, RedirectAttributes next) {
        try {
            SupportRequest opened = gateway.openSupportRequest(shopper.getSubject(), orderId, subject.strip(), message.strip(),
                    key.toString());
            next.addFlashAttribute("notice", "We have your request and will answer here.");
            return "redirect:/support/" + opened.id();
        } catch (Refused e) {
            next.addFlashAttribute("problem", Words.refusal(e));
            return "redirect:/support";
        }
    }

    @GetMapping("/support/{id}")
    String request(@AuthenticationPrincipal OidcUser shopper, @PathVariable String id, Model model) {
        model.addAttribute("request", gateway.supportRequest(shopper.getSubject(), id)).addAttribute("base", "/support/" + id);
        return "support-request";
    }

    @PostMapping("/support/{id}/messages")
    String write(@AuthenticationPrincipal OidcUser shopper, @PathVariable String id, @RequestParam String text, RedirectAttributes next) {
        return SupportThreads.write(gateway, shopper.getSubject(), id, text, next, Redirects.to("/support/", id));
    }

    @PostMapping("/support/{id}/close")
    String close(@AuthenticationPrincipal OidcUser shopper, @PathVariable String id) {
        gateway.closeSupportRequest(shopper.getSubject(), id);
        return Redirects.to("/support/", id);
    }
}
