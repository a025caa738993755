package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RulesTest {

    @Test
    void placeholdersTakeTheEnvironmentElseTheirDefault() {
        assertThat(Placeholders.resolve("${DB_URL:jdbc:postgresql://localhost:5432/shop}", Map.of()))
                .isEqualTo("jdbc:postgresql://localhost:5432/shop");
        assertThat(Placeholders.resolve("${DB_URL:jdbc:postgresql://localhost:5432/shop}",
                Map.of("DB_URL", "jdbc:postgresql://db:5432/x"))).isEqualTo("jdbc:postgresql://db:5432/x");
        assertThat(Placeholders.resolve("jdbc:postgresql://${HOST:localhost}:${PORT:5432}/${DB:shop}", Map.of()))
                .isEqualTo("jdbc:postgresql://localhost:5432/shop");
        assertThat(Placeholders.resolve("${A:${B:inner}}", Map.of())).isEqualTo("inner");
        assertThat(Placeholders.resolve("${A:${B:inner}}", Map.of("B", "b"))).isEqualTo("b");
        assertThat(Placeholders.resolve("${UNSET}", Map.of())).isEqualTo("${UNSET}");
        assertThat(Placeholders.resolve("${EMPTY:}", Map.of())).isEmpty();
    }

    @Test
    void jdbcUrlsNameHostPortAndDatabase() {
        assertThat(SharedDatabase.database("jdbc:postgresql://Postgres:5432/shop?ssl=false"))
                .contains("postgresql://postgres:5432/shop");
        assertThat(SharedDatabase.database("http://x")).isEmpty();
        assertThat(SharedDatabase.isUserVariable("SHOP_DB_USER")).isTrue();
        assertThat(SharedDatabase.isUserVariable("SPRING_DATASOURCE_USERNAME")).isTrue();
        assertThat(SharedDatabase.isUserVariable("SHOP_USERS_URL")).isFalse();
    }

    @Test
    void businessNounsComeFromTheListAndFromWordsServicesShare() {
        DomainWords words = new DomainWords(Rules.BUSINESS_NOUNS,
                List.of("catalog", "order-service", "order-history-service", "loyalty-points", "loyalty-admin"));
        assertThat(words.businessNoun("PaymentReceipt")).contains("payment");
        assertThat(words.businessNoun("Orders")).contains("order");
        assertThat(words.businessNoun("LoyaltyCard")).contains("loyalty");
        assertThat(words.businessNoun("HistoryEntry")).isEmpty(); // in one service's name only
        assertThat(words.businessNoun("EventCatalog")).isEmpty(); // one service's name is not enough
        assertThat(words.businessNoun("OutboxRelay")).isEmpty();
        assertThat(words.businessNoun("ServiceClient")).isEmpty(); // generic words never count
        assertThat(DomainWords.words("HTTPOrderStatus")).containsExactly("HTTP", "Order", "Status");
    }

    @Test
    void aModuleIsDomainWhenHalfItsTypesNameBusinessNouns() {
        SharedLibraries.DeclaredType order = new SharedLibraries.DeclaredType("Order", "Order.java", 1, "order");
        SharedLibraries.DeclaredType page = new SharedLibraries.DeclaredType("Page", "Page.java", 1, null);
        SharedLibraries.DeclaredType outbox = new SharedLibraries.DeclaredType("Outbox", "Outbox.java", 1, null);
        assertThat(SharedLibraries.classify(List.of())).isEqualTo(SharedLibraries.Kind.NO_CODE);
        assertThat(SharedLibraries.classify(List.of(page, outbox))).isEqualTo(SharedLibraries.Kind.TECHNICAL);
        assertThat(SharedLibraries.classify(List.of(order, page, outbox))).isEqualTo(SharedLibraries.Kind.MIXED);
        assertThat(SharedLibraries.classify(List.of(order, page))).isEqualTo(SharedLibraries.Kind.DOMAIN);
        assertThat(Rules.DOMAIN_SHARE_PERCENT).isEqualTo(50);
    }

    @Test
    void aCommitSubjectSaysItIsTechnicalUnlessItAlsoFixesOrAddsSomething() {
        for (String technical : new String[] {"refactor(order): move Money", "docs: the ordering saga",
                "Improved swagger documentation.", "Renamed *-service-web -> *-service-restapi", "Updated libraries",
                "clean up", "bump spring-boot to 3.3.1"}) {
            assertThat(Rules.TECHNICAL_COMMIT.matcher(technical).find() && !Rules.FUNCTIONAL_COMMIT.matcher(technical).find())
                    .as(technical).isTrue();
        }
        for (String functional : new String[] {"Basic DeliveryService", "feat: cancel an order", "var renaming bugfix",
                "javadoc and minor bugfixes", "Added restaurantName to OrderCreatedEvent"}) {
            assertThat(Rules.TECHNICAL_COMMIT.matcher(functional).find() && !Rules.FUNCTIONAL_COMMIT.matcher(functional).find())
                    .as(functional).isFalse();
        }
    }
}
