package dev.bazaar.storefront.web;

import java.util.Locale;

import dev.bazaar.storefront.api.Gateway;
import dev.bazaar.storefront.api.Model.Address;
import dev.bazaar.storefront.api.Model.Me;
import dev.bazaar.storefront.api.Model.Preferences;
import dev.bazaar.storefront.api.Model.SignUp;
import dev.bazaar.storefront.api.Refused;
import dev.bazaar.storefront.api.Unavailable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Signing up (identity makes the account, customer the customer record), and the shopper's account: their delivery
 * address and preferences (marketing consent, and instructions for the carrier, which customer passes to fulfillment).
 */
@Controller
class AccountController {

    private final Gateway gateway;

    AccountController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/sign-up")
    String signUpForm(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new SignUpForm("", "", "", "", "", "", ""));
        }
        return "sign-up";
    }

    @PostMapping("/sign-up")
    String signUp(@ModelAttribute SignUpForm form, RedirectAttributes next) {
        try {
            gateway.signUp(new SignUp(form.email().strip(), form.password(), form.name().strip(), form.address()));
        } catch (Refused e) {
            next.addFlashAttribute("problem", Words.refusal(e));
            next.addFlashAttribute("form", form.withoutPassword());
            return "redirect:/sign-up";
        }
        // Identity answers alike whether the address was free or not (so that sign-up tells no one who has an
        // account): the next step is the same for both, signing in.
        return "redirect:/oauth2/authorization/identity";
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal OidcUser shopper, Model model) {
        model.addAttribute("email", shopper.getEmail());
        try {
            Me me = gateway.me();
            model.addAttribute("profile", me.profile().ok() ? me.profile().value() : null);
            model.addAttribute("preferences", me.profile().ok() ? gateway.preferences(shopper.getSubject()) : null);
        } catch (Unavailable e) {
            model.addAttribute("profile", null).addAttribute("preferences", null);
        }
        return "account";
    }

    @PostMapping("/account/preferences")
    String changePreferences(@AuthenticationPrincipal OidcUser shopper, @RequestParam(defaultValue = "false") boolean marketingConsent,
                             @RequestParam(defaultValue = "") String deliveryInstructions, RedirectAttributes next) {
        try {
            gateway.changePreferences(shopper.getSubject(), new Preferences(marketingConsent, deliveryInstructions.strip()));
            next.addFlashAttribute("notice", "Your preferences are saved.");
        } catch (Refused e) {
            next.addFlashAttribute("problem", Words.refusal(e));
        }
        return "redirect:/account";
    }

    @PostMapping("/account/address")
    String changeAddress(@AuthenticationPrincipal OidcUser shopper, @RequestParam String line1, @RequestParam String city,
                         @RequestParam String postalCode, @RequestParam String country, RedirectAttributes next) {
        try {
            gateway.changeAddress(shopper.getSubject(), new Address(line1.strip(), city.strip(), postalCode.strip(),
                    country.strip().toUpperCase(Locale.ROOT)));
            next.addFlashAttribute("notice", "Your address is saved; your next orders go there.");
        } catch (Refused e) {
            next.addFlashAttribute("problem", Words.refusal(e));
        }
        return "redirect:/account";
    }

    /** What the sign-up form posts; the password is never drawn back into the page. */
    record SignUpForm(String email, String password, String name, String line1, String city, String postalCode, String country) {
        SignUpForm {
            email = email == null ? "" : email;
            password = password == null ? "" : password;
            name = name == null ? "" : name;
            line1 = line1 == null ? "" : line1;
            city = city == null ? "" : city;
            postalCode = postalCode == null ? "" : postalCode;
            country = country == null ? "" : country;
        }

        Address address() {
            return new Address(line1.strip(), city.strip(), postalCode.strip(), country.strip().toUpperCase(Locale.ROOT));
        }

        SignUpForm withoutPassword() {
            return new SignUpForm(email, "", name, line1, city, postalCode, country);
        }
    }
}
