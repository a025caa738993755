package dev.bazaar.platform.testing;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations on a service need a token with the staff role or the operator's service account, even on the service's
 * own port; a token that comes with any request is checked, so a forged one is refused there too.
 */
@ServiceIntegrationTest
class AdminAccessIT {

    @LocalServerPort
    int port;

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
        ResponseEntity<String> shopper = TestHttp.anonymous(port).get().uri("/admin/dead-letters")
                .header("Authorization", "Bearer " + TestTokens.shopper(UUID.randomUUID())).retrieve().toEntity(String.class);

        assertThat(shopper.getStatusCode().value()).isEqualTo(403);
        assertThat(shopper.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(TestHttp.anonymous(port).get().uri("/admin/dead-letters").header("Authorization", "Bearer " + TestTokens.staff())
                .retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(TestHttp.client(port).get().uri("/admin/dead-letters").retrieve().toEntity(String.class)
                .getStatusCode().value()).as("as the operator").isEqualTo(200);
    }

    @Test
    void aForgedTokenIsRefusedOnAnyRouteWhileNoTokenStillPassesWhereOperationsAreNotAsked() {
        ResponseEntity<String> forged = TestHttp.anonymous(port).post().uri("/probe/notes").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").body("{\"text\":\"hello\",\"count\":1}")
                .retrieve().toEntity(String.class);

        assertThat(forged.getStatusCode().value()).isEqualTo(401);
        assertThat(TestHttp.anonymous(port).post().uri("/probe/notes").contentType(MediaType.APPLICATION_JSON)
                .body("{\"text\":\"hello\",\"count\":1}").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
    }
}
