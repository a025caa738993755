package dev.bazaar.platform.web;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Who is calling, from their checked token: a controller declares a {@code Caller} parameter to decide what of a
 * shopper's resources it shows. A shopper's subject is their customer id (identity makes the customer record under
 * the account's id); staff and the operator's service account act for anyone.
 *
 * @param subject the token's {@code sub}, or empty for an anonymous caller
 */
public record Caller(String subject, Set<String> roles) {

    static final Caller ANONYMOUS = new Caller("", Set.of());

    /** The customer a shopper is: a 403 problem for a token whose subject names none (not a UUID). */
    public UUID customerId() {
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            throw Problems.exception(HttpStatus.FORBIDDEN, "not-a-customer", "Not a customer",
                    "The token's subject names no customer: sign in as a shopper.");
        }
    }

    /** Staff and the operator see every customer's resources. */
    public boolean actsForAnyone() {
        return roles.contains("staff") || roles.contains("service");
    }

    /**
     * Whether this caller may see what belongs to this customer. Otherwise a service answers 404, as for an id it
     * does not know, so that ids cannot be probed.
     */
    public boolean mayRead(UUID owner) {
        return actsForAnyone() || (owner != null && subject.equals(owner.toString()));
    }

    static Caller of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null
                || "anonymousUser".equals(authentication.getName())) {
            return ANONYMOUS;
        }
        Set<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
        return new Caller(authentication.getName(), roles);
    }

    /** Resolves a {@code Caller} parameter of a controller method from the security context. */
    static final class Resolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class;
        }

        @Override
        public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                      WebDataBinderFactory binders) {
            return of(SecurityContextHolder.getContext().getAuthentication());
        }
    }
}
