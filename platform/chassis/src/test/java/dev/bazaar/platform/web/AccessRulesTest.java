package dev.bazaar.platform.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessRulesTest {

    private final AccessRules catalog = AccessRules.of(new MockEnvironment()
            .withProperty("bazaar.access.rules[0]", "GET /api/catalog/** public")
            .withProperty("bazaar.access.rules[1]", "/api/catalog/** staff")
            .withProperty("bazaar.access.rules[2]", "POST /api/orders shopper"));

    @Test
    void theFirstRuleThatCoversARequestDecides() {
        assertThat(catalog.decide(HttpMethod.GET, "/api/catalog/products/BOOK-001").level()).isEqualTo(AccessRule.Level.PUBLIC);
        assertThat(catalog.decide(HttpMethod.PUT, "/api/catalog/products/BOOK-001/price").level()).isEqualTo(AccessRule.Level.STAFF);
        assertThat(catalog.decide(HttpMethod.POST, "/api/orders").level()).isEqualTo(AccessRule.Level.SHOPPER);
    }

    /** Spring MVC answers HEAD with the GET handler: a rule for GET must decide HEAD too, not the rules below it. */
    @Test
    void aRuleForGetDecidesHeadToo() {
        AccessRules ordering = AccessRules.of(new MockEnvironment()
                .withProperty("bazaar.access.rules[0]", "GET /api/orders/attention staff")
                .withProperty("bazaar.access.rules[1]", "/api/orders/** signed-in"));

        assertThat(ordering.decide(HttpMethod.HEAD, "/api/orders/attention").level()).isEqualTo(AccessRule.Level.STAFF);
        assertThat(ordering.decide(HttpMethod.POST, "/api/orders/attention").level()).isEqualTo(AccessRule.Level.SIGNED_IN);
        assertThat(AccessRule.parse("GET /x staff").methods()).containsExactly(HttpMethod.GET, HttpMethod.HEAD);
        assertThat(AccessRule.parse("POST /x staff").methods()).containsExactly(HttpMethod.POST);
    }

    @Test
    void operationsAreForStaffHealthIsOpenAndWhatNoRuleNamesNeedsAToken() {
        assertThat(catalog.decide(HttpMethod.GET, "/admin/dead-letters").level()).isEqualTo(AccessRule.Level.STAFF);
        assertThat(catalog.decide(HttpMethod.GET, "/actuator/health/liveness").level()).isEqualTo(AccessRule.Level.PUBLIC);
        assertThat(catalog.decide(HttpMethod.GET, "/api/orders/42").level()).isEqualTo(AccessRule.Level.SIGNED_IN);
        assertThat(AccessRule.Level.STAFF.roles()).containsExactly("staff", "service");
    }

    @Test
    void aDocumentedPathTemplateIsJudgedAsItsRequestsAre() {
        assertThat(catalog.decide(HttpMethod.GET, "/api/catalog/products/{sku}").level()).isEqualTo(AccessRule.Level.PUBLIC);
        assertThat(AccessRule.parse("/api/customers/*/orders signed-in").covers(HttpMethod.GET, "/api/customers/{customerId}/orders"))
                .isTrue();
    }

    @Test
    void aRuleThatCannotBeReadSaysHowOneReads() {
        assertThatThrownBy(() -> AccessRule.parse("GET public")).hasMessageContaining("[METHOD] /path/pattern");
        assertThatThrownBy(() -> AccessRule.parse("/api/x admins")).hasMessageContaining("Unknown access level");
        assertThatThrownBy(() -> AccessRule.parse("FETCH /api/x public")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theApiDocumentSaysWhatIsEnforced() {
        OpenAPI api = new OpenAPI().paths(new Paths()
                .addPathItem("/api/catalog/products/{sku}", new PathItem().get(new Operation()))
                .addPathItem("/api/catalog/products/{sku}/price", new PathItem().put(new Operation()))
                .addPathItem("/api/orders/{id}", new PathItem().get(new Operation())));

        new ApiDocs().accessDocumented(catalog).customise(api);

        Operation read = api.getPaths().get("/api/catalog/products/{sku}").getGet();
        Operation write = api.getPaths().get("/api/catalog/products/{sku}/price").getPut();
        Operation order = api.getPaths().get("/api/orders/{id}").getGet();
        assertThat(read.getSecurity()).isEmpty();
        assertThat(write.getSecurity()).containsExactly(new SecurityRequirement().addList(ApiDocs.SIGN_IN));
        assertThat(write.getExtensions()).isEqualTo(Map.of(ApiDocs.ROLES, List.of("staff", "service")));
        assertThat(order.getSecurity()).containsExactly(new SecurityRequirement().addList(ApiDocs.SIGN_IN));
        assertThat(order.getExtensions()).isNull();
    }
}
