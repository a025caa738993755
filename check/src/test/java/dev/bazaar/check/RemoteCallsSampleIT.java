package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The distributed-monolith sample: order-service's one @Transactional method calls three services, unprotected. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteCallsSampleIT {

    private static final String ORDER_SERVICE = "order-service/src/main/java/example/shop/order/OrderService.java";
    private static final String ORDER_CONTROLLER = "order-service/src/main/java/example/shop/order/OrderController.java";

    private final RemoteCalls calls = RemoteCalls.of(Build.read(Repositories.sample()).orElseThrow());

    @Test
    void findsTheThreeCallsAndTheirTargetsFromConfiguration() {
        assertThat(calls.sites()).extracting(RemoteCalls.Site::location, RemoteCalls.Site::target,
                        RemoteCalls.Site::httpMethod)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ORDER_SERVICE + ":86", "user-service", "GET"),
                        org.assertj.core.groups.Tuple.tuple(ORDER_SERVICE + ":95", "product-service", "POST"),
                        org.assertj.core.groups.Tuple.tuple(ORDER_SERVICE + ":106", "payment-service", "POST"));
        assertThat(calls.sites()).allSatisfy(s -> {
            assertThat(s.requestPath()).isTrue();
            assertThat(s.client()).isEqualTo("RestClient");
            assertThat(s.timeout()).isNull();
            assertThat(s.breaker()).isNull();
            assertThat(s.fallback()).isNull();
        });
        assertThat(calls.sites().get(0).address()).contains("http://localhost:8201 from ${shop.users-url:");
        assertThat(calls.components()).noneMatch(RemoteCalls.Component::isEdge);
    }

    @Test
    void synchronousCommunicationIsPresent() {
        SignResult sign = SynchronousCommunication.analyse(calls);
        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).contains("1 of 8 business entry points (12%)",
                "order-service OrderController.place waits on 3", "longest chain 2: order-service -> ");
        assertThat(sign.evidence()).extracting(Evidence::location)
                .contains(ORDER_CONTROLLER + ":27", ORDER_SERVICE + ":86", ORDER_SERVICE + ":95", ORDER_SERVICE + ":106");
        assertThat(sign.evidence().get(0).text())
                .isEqualTo("order-service OrderController.place waits on payment-service, product-service, user-service (fan-out 3)");
    }

    @Test
    void cascadingFailuresArePresent() {
        SignResult sign = CascadingFailures.analyse(calls);
        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).startsWith("3 call(s) with neither timeout nor circuit breaker");
        assertThat(sign.evidence()).hasSize(3).allSatisfy(e -> {
            assertThat(e.file()).isEqualTo(ORDER_SERVICE);
            assertThat(e.text()).startsWith("PRESENT order-service OrderService.place -> ")
                    .endsWith("no timeout; no circuit breaker; no fallback");
        });
    }

    @Test
    void transactionsSpanServices() {
        SignResult sign = TransactionsSpanningServices.analyse(calls);
        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).contains("@Transactional order-service OrderService.place wraps 3 remote call(s)",
                "OrderController.place writes to payment-service, product-service in 2 steps, no compensation");
        assertThat(sign.evidence()).anySatisfy(e -> {
            assertThat(e.location()).isEqualTo(ORDER_SERVICE + ":63");
            assertThat(e.text()).contains("@Transactional OrderService.place reaches 3 remote call(s)");
        });
        assertThat(sign.evidence()).anySatisfy(e -> {
            assertThat(e.location()).isEqualTo(ORDER_CONTROLLER + ":27");
            assertThat(e.text()).contains("2 remote writes (payment-service, product-service) and no catch block");
        });
    }
}
