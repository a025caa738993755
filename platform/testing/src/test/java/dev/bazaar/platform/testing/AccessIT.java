package dev.bazaar.platform.testing;

import java.util.UUID;

import dev.bazaar.platform.web.CheckedTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service checks every token again and enforces its access rules on its own port, whatever the gateway let through:
 * operations need staff or the operator, undeclared routes a token, declared public ones nothing.
 */
@ServiceIntegrationTest
class AccessIT {

    @LocalServerPort
    int port;

    @Autowired
    JwtDecoder decoder;

    @Test
    void withoutATokenAnOperationIsA401ProblemWithWwwAuthenticate() {
        ResponseEntity<String> answer = TestHttp.anonymous(port).get().uri("/admin/dead-letters").retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).contains("\"status\":401");
    }

    @Test
    void aShoppersTokenIsA403ProblemAndStaffOrTheOperatorGetIn() {
        ResponseEntity<String> shopper = TestHttp.as(port, TestTokens.shopper(UUID.randomUUID())).get().uri("/admin/dead-letters")
                .retrieve().toEntity(String.class);

        assertThat(shopper.getStatusCode().value()).isEqualTo(403);
        assertThat(shopper.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(shopper.getBody()).contains("needs the role staff or service");
        assertThat(TestHttp.as(port, TestTokens.staff()).get().uri("/admin/dead-letters").retrieve().toEntity(String.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(TestHttp.client(port).get().uri("/admin/dead-letters").retrieve().toEntity(String.class)
                .getStatusCode().value()).as("as the operator").isEqualTo(200);
    }

    @Test
    void aForgedTokenIsRefusedEvenOnAPublicRouteWhichWithoutATokenStaysOpen() {
        ResponseEntity<String> forged = TestHttp.as(port, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").post().uri("/probe/notes")
                .contentType(MediaType.APPLICATION_JSON).body("{\"text\":\"hello\",\"count\":1}").retrieve().toEntity(String.class);

        assertThat(forged.getStatusCode().value()).isEqualTo(401);
        assertThat(TestHttp.anonymous(port).post().uri("/probe/notes").contentType(MediaType.APPLICATION_JSON)
                .body("{\"text\":\"hello\",\"count\":1}").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenOrOneForAnotherAudienceIsRefusedEvenWithTheIssuersSignature() {
        for (String token : new String[] {TestTokens.expired(UUID.randomUUID()), TestTokens.forAudience("another-platform", UUID.randomUUID())}) {
            ResponseEntity<String> refused = TestHttp.as(port, token).get().uri("/probe/caller").retrieve().toEntity(String.class);

            assertThat(refused.getStatusCode().value()).isEqualTo(401);
            assertThat(refused.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aSignedInRouteNeedsATokenAndKnowsItsCaller() {
        UUID customer = UUID.randomUUID();

        assertThat(TestHttp.anonymous(port).get().uri("/probe/caller").retrieve().toEntity(String.class).getStatusCode().value())
                .isEqualTo(401);
        String token = TestTokens.shopper(customer);
        for (int time = 0; time < 2; time++) {
            String caller = TestHttp.as(port, token).get().uri("/probe/caller").retrieve().body(String.class);
            assertThat(caller).contains("\"subject\":\"" + customer + "\"").contains("shopper");
        }
        assertThat(decoder).as("the token decoder keeps what it checked").isInstanceOf(CheckedTokens.class);
    }

    @Test
    void aRoleRuleOnOneMethodLeavesTheOtherMethodsAsDeclared() {
        assertThat(TestHttp.as(port, TestTokens.shopper(UUID.randomUUID())).delete().uri("/probe/notes/1").retrieve()
                .toEntity(String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(TestHttp.as(port, TestTokens.staff()).delete().uri("/probe/notes/1").retrieve()
                .toEntity(String.class).getStatusCode().value()).isEqualTo(200);
    }
}
