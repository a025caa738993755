package dev.bazaar.storefront.web;

import dev.bazaar.storefront.api.Refused;
import dev.bazaar.storefront.api.Unavailable;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** What every page knows (who is signed in), and the pages drawn when the platform refuses or does not answer. */
@ControllerAdvice
class ShopAdvice {

    private static final Logger log = LoggerFactory.getLogger(ShopAdvice.class);

    @ModelAttribute
    void shopper(@AuthenticationPrincipal OidcUser shopper, Authentication signedIn, Model model) {
        // The ID token names the account by its address (identity keeps no names; customer does).
        model.addAttribute("shopperName", shopper == null ? null : shopper.getEmail() != null ? shopper.getEmail() : "Your account");
        // The session's authorities, mapped from the ID token's roles (the principal keeps the token's own).
        model.addAttribute("staff", signedIn != null && signedIn.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_staff")));
    }

    @ExceptionHandler(Unavailable.class)
    String unavailable(Unavailable e, HttpServletResponse response, Model model) {
        log.warn("A page could not be drawn: {}", e.getMessage());
        response.setStatus(503);
        model.addAttribute("title", "Part of the shop is not answering")
                .addAttribute("message", "We could not get what this page shows just now. Please try again in a moment; "
                        + "nothing you did was lost.");
        return "problem";
    }

    @ExceptionHandler(Refused.class)
    String refused(Refused e, HttpServletResponse response, Model model) {
        response.setStatus(e.status() == 404 ? 404 : e.status() == 401 || e.status() == 403 ? 403 : e.status() == 429 ? 429 : 400);
        model.addAttribute("title", e.status() == 404 ? "Not found" : "That did not work")
                .addAttribute("message", e.status() == 404 ? "There is nothing here, or it is not yours to see."
                        : e.status() == 401 || e.status() == 403 ? "This part of the shop is for shoppers; sign in with a shopper's account."
                        : Words.refusal(e));
        return "problem";
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    String badRequest(Exception e, HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("title", "That did not work").addAttribute("message", "The form was incomplete; please fill it in again.");
        return "problem";
    }

    /** The shopper's session at identity ended (their refresh token expired): sign in again, then carry on. */
    @ExceptionHandler(ClientAuthorizationException.class)
    String signInAgain() {
        return "redirect:/oauth2/authorization/identity";
    }
}
