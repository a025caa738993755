package dev.bazaar.storefront.web;

import dev.bazaar.storefront.api.Gateway;
import dev.bazaar.storefront.api.Refused;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Writing in a support request, the same for the shopper and for staff: customer marks who wrote it by their token. */
final class SupportThreads {

    private SupportThreads() {
    }

    /** Returns {@code then}, where the browser goes next. */
    static String write(Gateway gateway, String customerId, String requestId, String text, RedirectAttributes next, String then) {
        try {
            gateway.writeToSupport(customerId, requestId, text.strip());
        } catch (Refused e) {
            if (e.status() == 404) {
                throw e;
            }
            next.addFlashAttribute("problem", e.problem().equals("support-request-closed")
                    ? "This request is closed; open a new one if there is more to say." : Words.refusal(e));
        }
        return then;
    }
}
