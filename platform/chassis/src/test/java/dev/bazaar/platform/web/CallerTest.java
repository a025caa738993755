package dev.bazaar.platform.web;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTest {

    private final UUID alice = UUID.randomUUID();

    @Test
    void aShopperReadsOnlyTheirOwnWhileStaffAndTheOperatorReadAnyones() {
        Caller shopper = Caller.of(new TestingAuthenticationToken(alice.toString(), null, "ROLE_shopper"));

        assertThat(shopper.roles()).containsExactly("shopper");
        assertThat(shopper.customerId()).isEqualTo(alice);
        assertThat(shopper.mayRead(alice)).isTrue();
        assertThat(shopper.mayRead(UUID.randomUUID())).isFalse();
        assertThat(shopper.mayRead(null)).as("a thing whose owner is not known").isFalse();
        assertThat(new Caller("staff-1", Set.of("staff")).mayRead(alice)).isTrue();
        assertThat(new Caller("operator", Set.of("service")).mayRead(null)).isTrue();
    }

    @Test
    void anAnonymousCallerReadsNothingAndATokenNamingNoCustomerIsNoShopper() {
        assertThat(Caller.of(null).mayRead(alice)).isFalse();
        assertThatThrownBy(() -> new Caller("operator", Set.of("service")).customerId())
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(403));
    }
}
