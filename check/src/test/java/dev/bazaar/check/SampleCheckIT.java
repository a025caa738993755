package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The distributed-monolith sample: one database for all four services, and a shared domain module. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleCheckIT {

    private final Scorecard card = Check.run(Repositories.sample());

    @Test
    void findsTheFourServices() {
        assertThat(Build.read(Repositories.sample()).orElseThrow().services()).extracting(Build.Module::artifactId)
                .containsExactlyInAnyOrder("user-service", "product-service", "payment-service", "order-service");
    }

    @Test
    void sharedDatabaseIsPresentWithEvidence() {
        SignResult sign = card.result(Sign.SHARED_DATABASE);
        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).contains("postgresql://postgres:5432/shop", "user shop");
        for (String service : new String[] {"user", "product", "payment", "order"}) {
            assertThat(sign.evidence()).anySatisfy(e -> {
                assertThat(e.file()).isEqualTo(service + "-service/src/main/resources/application.properties");
                assertThat(e.line()).isEqualTo(6);
                assertThat(e.text()).contains("spring.datasource.url=${SHOP_DB_URL:");
            });
            assertThat(sign.evidence()).anySatisfy(e -> {
                assertThat(e.file()).isEqualTo("docker-compose.yml");
                assertThat(e.text()).startsWith(service + "-service environment: SHOP_DB_URL=jdbc:postgresql://postgres:5432/shop")
                        .contains("merged in at docker-compose.yml:");
                assertThat(e.line()).isEqualTo(8); // the anchor the services merge in with <<: *shop-database
            });
        }
    }

    @Test
    void sharedDomainModuleIsPresentWithItsTypes() {
        SignResult sign = card.result(Sign.SHARED_LIBRARIES);
        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).contains("shop-domain");
        for (String type : new String[] {"Order", "Product", "User", "Payment"}) {
            assertThat(sign.evidence()).anySatisfy(e -> {
                assertThat(e.file()).isEqualTo("shop-domain/src/main/java/example/shop/domain/" + type + ".java");
                assertThat(e.line()).isPositive();
                assertThat(e.text()).startsWith(type + " (business noun");
            });
        }
        assertThat(card.exitCode()).isEqualTo(1);
        assertThat(card.json()).contains("\"verdict\" : \"PRESENT\"", "shop-domain/src/main/java/example/shop/domain/Order.java");
    }

    @Test
    void tablesOfOneServiceAreReadByAnother() {
        Build sample = Build.read(Repositories.sample()).orElseThrow();
        SignResult tables = SharedTables.analyse(sample, SharedDatabase.facts(sample));
        assertThat(tables.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(tables.summary()).contains("products (order-service, product-service)");
        assertThat(tables.evidence()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("order-service/src/main/java/example/shop/order/OrderService.java");
            assertThat(e.line()).isPositive();
            assertThat(e.text()).startsWith("order-service names table products: select");
        });
        assertThat(card.result(Sign.SHARED_DATABASE).summary()).contains("tables: ", "shared: ");
    }
}
