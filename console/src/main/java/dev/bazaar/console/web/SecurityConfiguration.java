package dev.bazaar.console.web;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.bazaar.console.ConsoleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Staff only. A person signs in with a browser: the authorization code flow (with PKCE) at identity, as the client
 * {@code console}, and the staff role comes from the ID token's {@code roles}. A script sends a staff access token
 * ({@code ./bazaar token}), checked as every service checks one. Health and metrics are open, for the launcher and
 * Prometheus, as on every process (the console listens on the loopback only).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String REGISTRATION = "identity";

    @Bean
    SecurityFilterChain staffOnly(HttpSecurity http, ClientRegistrationRepository clients, ConsoleProperties properties)
            throws Exception {
        DefaultOAuth2AuthorizationRequestResolver authorizationRequests =
                new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
        // Identity asks every browser client for a proof key, confidential or not.
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        // A browser asks for HTML by name; curl's and fetch's */* is not a browser.
        MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browser.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/error", "/signed-out.html", "/console.css").permitAll()
                        .anyRequest().hasRole("staff"))
                .oauth2Login(login -> login
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(rolesOfTheIdToken())))
                .oauth2ResourceServer(server -> server.jwt(jwt -> { }))
                // A page asked for without a session goes to sign in; the JSON, asked for by a script or by a page whose
                // session ended, gets its 401.
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + REGISTRATION), browser)
                        .defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(), request -> true))
                .logout(logout -> logout.logoutSuccessHandler(signOutAtIdentity(properties.gateway())));
        return http.build();
    }

    /**
     * OpenID Connect RP-initiated logout: identity ends its own session too, then sends the browser back to the console,
     * which asks it to sign in. Ending only the console's session left identity's: "sign in" let the next person at that
     * browser in as the same staff member, here and at the shop's staff pages, without a password.
     */
    private static LogoutSuccessHandler signOutAtIdentity(String gateway) {
        return (request, response, authentication) -> {
            String home = ServletUriComponentsBuilder.fromContextPath(request).path("/").toUriString();
            response.sendRedirect(authentication != null && authentication.getPrincipal() instanceof OidcUser staff
                    ? UriComponentsBuilder.fromUriString(gateway).path("/connect/logout")
                            .queryParam("id_token_hint", staff.getIdToken().getTokenValue())
                            .queryParam("post_logout_redirect_uri", home).encode().toUriString()
                    : ServletUriComponentsBuilder.fromContextPath(request).path("/signed-out.html").toUriString());
        };
    }

    /** The roles identity put in the ID token ({@code roles: [staff]}) become {@code ROLE_staff}. */
    static GrantedAuthoritiesMapper rolesOfTheIdToken() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    Object roles = oidc.getIdToken().getClaim("roles");
                    if (roles instanceof Collection<?> names) {
                        names.forEach(name -> mapped.add(new SimpleGrantedAuthority(
                                "ROLE_" + name.toString().toLowerCase(Locale.ROOT))));
                    }
                }
            }
            return List.copyOf(mapped);
        };
    }
}
