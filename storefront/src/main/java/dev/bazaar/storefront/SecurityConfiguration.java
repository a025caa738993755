package dev.bazaar.storefront;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Anyone may browse: the home page, search, product pages and their images. The cart, checkout, orders and the account
 * are a signed-in shopper's: a browser without a session is sent to sign in at identity (the authorization code flow
 * with PKCE, as the client {@code storefront}), and comes back to the page it asked for. Forms carry a CSRF token.
 * Signing out ends the session here and at identity, so the next person at the browser must sign in again. The staff
 * pages are for staff: identity's ID token says so ({@code roles: [staff]}); the services check the token again.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String REGISTRATION = "identity";

    @Bean
    SecurityFilterChain shop(HttpSecurity http, ClientRegistrationRepository clients, StorefrontProperties properties) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver authorizationRequests =
                new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
        // Identity asks every browser client for a proof key, confidential or not.
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/search", "/products/**", "/images/**", "/shop.css", "/shop.js", "/sign-up",
                                "/error", "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/staff", "/staff/**").hasRole("staff")
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage("/oauth2/authorization/" + REGISTRATION)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(rolesOfTheIdToken())))
                .logout(logout -> logout.logoutSuccessHandler(signOutAtIdentity(properties)));
        return http.build();
    }

    /** The roles identity put in the ID token ({@code roles: [staff]}) become {@code ROLE_staff}. */
    static GrantedAuthoritiesMapper rolesOfTheIdToken() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc && oidc.getIdToken().getClaim("roles") instanceof Collection<?> roles) {
                    roles.forEach(role -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role.toString().toLowerCase(Locale.ROOT))));
                }
            }
            return List.copyOf(mapped);
        };
    }

    /** Refreshes a shopper's access token with their refresh token when it has expired, before a call to the gateway. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository clients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
        return manager;
    }

    /**
     * OpenID Connect RP-initiated logout: identity ends its own session for this ID token and sends the browser back to
     * the home page, an address it knows for this client.
     */
    private static LogoutSuccessHandler signOutAtIdentity(StorefrontProperties properties) {
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            String home = ServletUriComponentsBuilder.fromContextPath(request).path("/").toUriString();
            if (authentication != null && authentication.getPrincipal() instanceof OidcUser shopper) {
                redirect(response, UriComponentsBuilder.fromUri(properties.gateway()).path("/connect/logout")
                        .queryParam("id_token_hint", shopper.getIdToken().getTokenValue())
                        .queryParam("post_logout_redirect_uri", home).encode().toUriString());
            } else {
                redirect(response, home);
            }
        };
    }

    private static void redirect(HttpServletResponse response, String location) throws IOException {
        response.sendRedirect(location);
    }
}
