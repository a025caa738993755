package dev.bazaar.identity.adapter.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.bazaar.identity.IdentityProperties;
import dev.bazaar.identity.account.Accounts;
import dev.bazaar.identity.account.EmailAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server, configured for the platform:
 * <ul>
 * <li>the protocol endpoints (authorization, token, JWK set, OpenID discovery, user info) on identity's own port, whose
 *     address is the issuer;</li>
 * <li>sign-in by form, with the accounts' Argon2id hashes;</li>
 * <li>clients: {@code bazaar-cli} (public, authorization code with PKCE: {@code ./bazaar token} and the tests); the
 *     browser clients, such as {@code storefront} (a shop's backend) and {@code console} (the operations console)
 *     (confidential, authorization code with PKCE and refresh tokens); and {@code operator} (client credentials, the
 *     launcher's service account); all but the first only when given a secret;</li>
 * <li>access tokens that name the account's id as subject, its role in {@code roles} and the platform in
 *     {@code aud}; short-lived, with refresh tokens that are replaced at every use. ID tokens carry the
 *     {@code roles} too, for a client that takes the signed-in person's authorities from them.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    /** Where a public client's code is sent; nothing listens there, the client reads it from the redirect. */
    static final String CLI_REDIRECT = "http://127.0.0.1/bazaar-cli/callback";

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(authorizationServer.getEndpointsMatcher()))
                // A browser that is not signed in is sent to the sign-in form; an API caller gets its 401.
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /**
     * Operations ({@code /admin/**}: key rotation, dead letters) need a token with the staff role or the operator's
     * service account, checked against identity's own keys, as in every service.
     */
    @Bean
    @Order(2)
    SecurityFilterChain operations(HttpSecurity http, JwtDecoder ownTokens) throws Exception {
        http.securityMatcher("/admin/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole("staff", "service"))
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(ownTokens)))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /** Everything else: sign-up, health and the API document are open; the sign-in form is the form. */
    @Bean
    @Order(3)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/identity/sign-up").permitAll()
                        .requestMatchers("/actuator/**", "/error", "/v3/api-docs/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"));
        return http.build();
    }

    /** Identity checks the tokens it issued with its own published keys: signature, expiry, audience, and issuer when set. */
    @Bean
    JwtDecoder ownTokens(JWKSource<SecurityContext> publishedKeys, IdentityProperties properties,
                         @Value("${identity.issuer:}") String issuer) {
        NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(publishedKeys);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtClaimValidator<List<String>>("aud", audience -> audience != null && audience.contains(properties.audience())));
        decoder.setJwtValidator(issuer.isBlank()
                ? JwtValidators.createDefaultWithValidators(validators)
                : new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer), validators.get(0)));
        return decoder;
    }

    /**
     * The issuer, as the launcher gives it ({@code identity.issuer}: the first instance's address, so that every
     * instance issues the same); without one, each request's own address.
     */
    @Bean
    AuthorizationServerSettings authorizationServerSettings(@Value("${identity.issuer:}") String issuer) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (!issuer.isBlank()) {
            settings.issuer(issuer);
        }
        return settings.build();
    }

    /** Argon2id (OWASP's first choice), with the id in front of every hash so that a later change of scheme can verify old ones. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2", Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }

    /** Signs in by e-mail address; the principal's name is the account's id, which becomes the tokens' subject. */
    @Bean
    UserDetailsService accountsSignIn(Accounts accounts) {
        return typed -> {
            EmailAddress email;
            try {
                email = new EmailAddress(typed);
            } catch (IllegalArgumentException e) {
                throw new UsernameNotFoundException("not an e-mail address");
            }
            return accounts.findByEmail(email)
                    .map(account -> User.withUsername(account.id().toString()).password(account.passwordHash())
                            .roles(account.role().name()).build())
                    .orElseThrow(() -> new UsernameNotFoundException("no such account"));
        };
    }

    /** A principal's name is an account's id, except a client's (client credentials), which has no account. */
    private static Optional<UUID> accountId(String name) {
        try {
            return Optional.of(UUID.fromString(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Swagger UI at the gateway signs in as {@code bazaar-cli} too, and gets its code at this page. */
    static final String SWAGGER_UI_REDIRECT = "/swagger-ui/oauth2-redirect.html";

    @Bean
    RegisteredClientRepository clients(IdentityProperties properties, PasswordEncoder passwords,
                                       @Value("${identity.issuer:}") String issuer) {
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(properties.accessTokens())
                .refreshTokenTimeToLive(properties.refreshTokens()).reuseRefreshTokens(false).build();
        ClientSettings signedIn = ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build();
        List<RegisteredClient> clients = new ArrayList<>();
        // Public: it can keep no secret, so it gets no refresh token (Spring Authorization Server gives none to a
        // public client); a new sign-in is a new ./bazaar token.
        clients.add(RegisteredClient.withId("bazaar-cli").clientId("bazaar-cli")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(CLI_REDIRECT)
                .redirectUris(uris -> {
                    if (!issuer.isBlank()) {
                        // The page is opened as localhost or as 127.0.0.1; its redirect must come back to the same origin.
                        uris.add(issuer + SWAGGER_UI_REDIRECT);
                        uris.add(issuer.replace("://127.0.0.1:", "://localhost:") + SWAGGER_UI_REDIRECT);
                    }
                })
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                .clientSettings(signedIn).tokenSettings(tokens).build());
        // A backend for the browser keeps its secret on the server: PKCE and a secret, and refresh tokens.
        properties.browserClients().forEach((id, browser) -> {
            if (browser.secret() != null && !browser.secret().isBlank()) {
                clients.add(RegisteredClient.withId(id).clientId(id)
                        .clientSecret(passwords.encode(browser.secret()))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                        .redirectUris(uris -> uris.addAll(browser.redirectUris()))
                        // Signing out of it signs out of identity too (RP-initiated logout), then returns here.
                        .postLogoutRedirectUris(uris -> uris.addAll(browser.postLogoutRedirectUris()))
                        .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                        .clientSettings(signedIn).tokenSettings(tokens).build());
            }
        });
        String operatorSecret = properties.operator().secret();
        if (operatorSecret != null && !operatorSecret.isBlank()) {
            clients.add(RegisteredClient.withId("operator").clientId("operator")
                    .clientSecret(passwords.encode(operatorSecret))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .tokenSettings(tokens).build());
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    /** Codes and refresh tokens outlive a restart of identity: they are kept in its database. */
    @Bean
    OAuth2AuthorizationService authorizations(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    SigningKeys signingKeys(JdbcClient jdbc, IdentityProperties properties) {
        SigningKeys keys = new SigningKeys(jdbc, properties.signingKeys().secret(), properties.accessTokens(), Clock.systemUTC());
        keys.ensureOne();
        return keys;
    }

    /** The JWK set endpoint publishes every key still in use. */
    @Bean
    JWKSource<SecurityContext> publishedKeys(SigningKeys keys) {
        return (selector, context) -> selector.select(keys.published());
    }

    /** Tokens are signed with the newest key only. */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.current())));
    }

    /**
     * The claims the gateway and the services read: {@code aud}, and the caller's {@code roles}; and the same
     * {@code roles} in ID tokens, from which a browser client (the console) knows who signed in as what, and their
     * {@code email} when the client asked for the scope.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims(IdentityProperties properties, Accounts accounts) {
        return context -> {
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            if (!accessToken && !OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                return;
            }
            // Mutable lists: the claims are kept with the authorization, and its JSON reader refuses Java's immutable
            // collections as types it does not know. An ID token's audience stays the client it is for.
            if (accessToken) {
                context.getClaims().audience(new ArrayList<>(List.of(properties.audience())));
            }
            Set<String> roles = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                    ? Set.of("service")
                    : context.getPrincipal().getAuthorities().stream().map(GrantedAuthority::getAuthority)
                            .filter(authority -> authority.startsWith("ROLE_"))
                            .map(authority -> authority.substring("ROLE_".length()).toLowerCase(java.util.Locale.ROOT))
                            .collect(Collectors.toSet());
            context.getClaims().claim("roles", new ArrayList<>(roles));
            // Who signed in, for a browser client that asked for it (the storefront shows it): the account's address.
            // Access tokens carry no address; services know the caller by subject, the account's id.
            if (!accessToken && context.getAuthorizedScopes().contains(OidcScopes.EMAIL)) {
                accountId(context.getPrincipal().getName()).flatMap(accounts::find)
                        .ifPresent(account -> context.getClaims().claim("email", account.email().value()));
            }
        };
    }
}
