package dev.bazaar.identity.adapter.security;

import java.util.Map;

import dev.bazaar.identity.IdentityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser clients, configured as the launcher configures identity: by environment variables. */
class BrowserClientsTest {

    private static final String CALLBACK = "http://127.0.0.1:8088/login/oauth2/code/identity";

    @Test
    void theConsoleIsAConfidentialClientWithPkceWhenGivenASecret() {
        RegisteredClientRepository clients = clients(Map.of("IDENTITY_BROWSERCLIENTS_CONSOLE_SECRET", "console-secret",
                "IDENTITY_BROWSERCLIENTS_CONSOLE_REDIRECTURIS", CALLBACK + "," + CALLBACK.replace("127.0.0.1", "localhost")));

        RegisteredClient console = clients.findByClientId("console");
        assertThat(console).isNotNull();
        assertThat(console.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(console.getAuthorizationGrantTypes())
                .containsExactlyInAnyOrder(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN);
        assertThat(console.getRedirectUris()).containsExactlyInAnyOrder(CALLBACK, "http://localhost:8088/login/oauth2/code/identity");
        assertThat(console.getScopes()).containsExactlyInAnyOrder("openid", "profile", "email");
        assertThat(console.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(console.getClientSettings().isRequireAuthorizationConsent()).isFalse();
        assertThat(clients.findByClientId("storefront")).as("a browser client given no secret").isNull();
    }

    @Test
    void withoutASecretThereIsNoConsoleClient() {
        assertThat(clients(Map.of("IDENTITY_BROWSERCLIENTS_CONSOLE_REDIRECTURIS", CALLBACK)).findByClientId("console")).isNull();
        assertThat(clients(Map.of()).findByClientId("console")).isNull();
    }

    private static RegisteredClientRepository clients(Map<String, Object> environment) {
        // Read as Spring reads the process's environment: by this name, a source of relaxed upper-case names.
        IdentityProperties properties = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment))).bindOrCreate("identity", IdentityProperties.class);
        AuthorizationServerConfiguration configuration = new AuthorizationServerConfiguration();
        return configuration.clients(properties, configuration.passwordEncoder(), "");
    }
}
