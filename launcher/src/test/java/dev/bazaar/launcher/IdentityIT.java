package dev.bazaar.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityIT {

    private static final URI GATEWAY = URI.create("http://127.0.0.1:28080");

    @TempDir
    Path home;

    @Test
    void identityKnowsEachBrowserClientWithTheSecretItIsGivenAndItsAddressesUnderBothNames() {
        Identity identity = new Identity(Secrets.in(home));

        Map<String, String> environment = identity.environment(GATEWAY, Map.of(
                "console", URI.create("http://127.0.0.1:28088"), "storefront", URI.create("http://127.0.0.1:28089/")));

        assertThat(environment).containsEntry("IDENTITY_ISSUER", "http://127.0.0.1:28080")
                .containsEntry("IDENTITY_BROWSERCLIENTS_CONSOLE_SECRET", identity.clientSecret("console"))
                .containsEntry("IDENTITY_BROWSERCLIENTS_CONSOLE_REDIRECTURIS",
                        "http://127.0.0.1:28088/login/oauth2/code/identity,http://localhost:28088/login/oauth2/code/identity")
                .containsEntry("IDENTITY_BROWSERCLIENTS_STOREFRONT_SECRET", identity.clientSecret("storefront"))
                .containsEntry("IDENTITY_BROWSERCLIENTS_STOREFRONT_POSTLOGOUTREDIRECTURIS",
                        "http://127.0.0.1:28089/,http://localhost:28089/");
        assertThat(identity.clientSecret("storefront")).as("a secret of its own").isNotEqualTo(identity.clientSecret("console"));
        assertThat(new Identity(Secrets.in(home)).clientSecret("console")).as("kept with the platform's secrets")
                .isEqualTo(identity.clientSecret("console"));
    }

    @Test
    void withoutBrowserClientsInTheMapIdentityHasNone() {
        assertThat(new Identity(Secrets.in(home)).environment(GATEWAY, Map.of()).keySet())
                .noneMatch(key -> key.startsWith("IDENTITY_BROWSERCLIENTS_"));
    }
}
