package dev.bazaar.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityTest {

    private static final URI GATEWAY = URI.create("http://127.0.0.1:28080");

    @TempDir
    Path home;

    @Test
    void identityKnowsTheConsoleAsAClientWithTheSecretTheConsoleIsGivenAndItsCallbackUnderBothNames() {
        Identity identity = new Identity(Secrets.in(home));

        Map<String, String> environment = identity.environment(GATEWAY, Optional.of(URI.create("http://127.0.0.1:28088")));

        assertThat(environment).containsEntry("IDENTITY_ISSUER", "http://127.0.0.1:28080")
                .containsEntry("IDENTITY_BROWSERCLIENTS_CONSOLE_SECRET", identity.consoleSecret())
                .containsEntry("IDENTITY_BROWSERCLIENTS_CONSOLE_REDIRECTURIS",
                        "http://127.0.0.1:28088/login/oauth2/code/identity,http://localhost:28088/login/oauth2/code/identity");
        assertThat(new Identity(Secrets.in(home)).consoleSecret()).as("kept with the platform's secrets").isEqualTo(identity.consoleSecret());
    }

    @Test
    void withoutAConsoleInTheMapIdentityHasNoConsoleClient() {
        assertThat(new Identity(Secrets.in(home)).environment(GATEWAY, Optional.empty()))
                .doesNotContainKeys("IDENTITY_BROWSERCLIENTS_CONSOLE_SECRET", "IDENTITY_BROWSERCLIENTS_CONSOLE_REDIRECTURIS");
    }
}
