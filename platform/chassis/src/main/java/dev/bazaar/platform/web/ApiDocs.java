package dev.bazaar.platform.web;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every service says of its public API at {@code /v3/api-docs} (springdoc reads the rest from the controllers):
 * its name, that it is reached through the gateway (the document's server is relative, so that Swagger UI at the
 * gateway tries requests there), and how to sign in: the OAuth 2 authorization code flow at the issuer, with PKCE in
 * Swagger UI.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String SIGN_IN = "bazaar";
    /** The roles an operation needs beyond a token, e.g. {@code ["staff", "service"]}: OAuth 2 scopes cannot say it. */
    static final String ROLES = "x-bazaar-roles";

    static {
        // Who calls is the token's business, not a parameter a client sends.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /**
     * Each operation's security as the service enforces it, from the same {@link AccessRules}: none for a public one,
     * the sign-in otherwise, and the roles it needs.
     */
    @Bean
    OpenApiCustomizer accessDocumented(AccessRules rules) {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                AccessRule rule = rules.decide(HttpMethod.valueOf(method.name()), path);
                if (rule.level() == AccessRule.Level.PUBLIC) {
                    operation.setSecurity(List.of());
                    return;
                }
                operation.setSecurity(List.of(new SecurityRequirement().addList(SIGN_IN)));
                if (!rule.level().roles().isEmpty()) {
                    operation.addExtension(ROLES, rule.level().roles());
                }
            }));
        };
    }

    @Bean
    OpenAPI apiDescription(@Value("${spring.application.name}") String service,
                           @Value("${bazaar.issuer:http://127.0.0.1:8080}") String issuer) {
        return new OpenAPI()
                .info(new Info().title("Bazaar " + service).version("1")
                        .description("The public API of Bazaar's " + service + " service, reached through the gateway."))
                .servers(List.of(new Server().url("/").description("the gateway")))
                .components(new Components().addSecuritySchemes(SIGN_IN, new SecurityScheme()
                        .type(SecurityScheme.Type.OAUTH2)
                        .description("Sign in at Bazaar's identity provider (authorization code with PKCE)")
                        .flows(new OAuthFlows().authorizationCode(new OAuthFlow()
                                .authorizationUrl(issuer + "/oauth2/authorize")
                                .tokenUrl(issuer + "/oauth2/token")
                                .scopes(new Scopes().addString("openid", "who you are"))))));
    }
}
