package dev.bazaar.platform.topology;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyTest {

    private static final String SMALL = """
            defaults:
              jvm: [-Xmx128m]
            components:
              postgres: {kind: postgres, port: 5432}
              kafka: {kind: kafka, port: 9092, controller-port: 9093}
              shop:
                kind: service
                module: services/shop
                port: 8081
                database: shop
                topic: shop.events
                publishes: [ThingSold]
                keyed-writes: ["POST /api/shop/{id}/sales"]
                routes: [/api/shop/**]
                waits-for: [postgres, kafka]
              ledger:
                kind: service
                module: services/ledger
                port: 8082
                database: ledger
                topic: ledger.events
                publishes: [SaleBooked]
                consumes:
                  shop.events: [ThingSold]
                waits-for: [postgres, kafka]
                instances: 2
                nice: 10
                jvm: [-Xmx64m]
              gateway: {kind: gateway, module: gateway, port: 8080}
            """;

    @Test
    void readsEveryComponentWithItsDefaults() {
        Topology topology = parse(SMALL);

        assertThat(topology.names()).containsExactly("postgres", "kafka", "shop", "ledger", "gateway");
        assertThat(topology.services()).extracting(Component::name).containsExactly("shop", "ledger");
        Component shop = topology.component("shop");
        assertThat(shop.jvm()).containsExactly("-Xmx128m");
        assertThat(shop.instances()).isEqualTo(1);
        assertThat(topology.component("ledger").jvm()).containsExactly("-Xmx64m");
        assertThat(topology.component("ledger").instances()).isEqualTo(2);
        assertThat(shop.nice()).isZero();
        assertThat(shop.keyedWrites()).containsExactly("POST /api/shop/{id}/sales");
        assertThat(topology.component("ledger").keyedWrites()).isEmpty();
        assertThat(topology.component("ledger").nice()).isEqualTo(10);
        assertThat(topology.ownerOf("shop.events")).contains(shop);
        assertThat(topology.consumersOf("shop.events")).extracting(Component::name).containsExactly("ledger");
    }

    @Test
    void startsInWavesOfWhatEachWaitsFor() {
        List<List<Component>> waves = parse(SMALL).startWaves();

        assertThat(waves).hasSize(2);
        assertThat(waves.get(0)).extracting(Component::name).containsExactly("postgres", "kafka", "gateway");
        assertThat(waves.get(1)).extracting(Component::name).containsExactly("shop", "ledger");
    }

    @Test
    void refusesAMisspeltField() {
        assertThatThrownBy(() -> parse(SMALL.replace("waits-for: [postgres, kafka]\n    instances", "wait-for: [postgres]\n    instances")))
                .isInstanceOf(TopologyException.class).hasMessageContaining("wait-for").hasMessageContaining("line");
    }

    @Test
    void refusesTwoComponentsOnOnePort() {
        assertThatThrownBy(() -> parse(SMALL.replace("port: 8082", "port: 8081")))
                .hasMessage("ledger and shop both claim port 8081");
    }

    @Test
    void refusesAConsumerOfATopicNobodyOwns() {
        assertThatThrownBy(() -> parse(SMALL.replace("shop.events: [ThingSold]", "till.events: [ThingSold]")))
                .hasMessage("ledger consumes till.events, which no component owns");
    }

    @Test
    void refusesAConsumerOfAnEventItsProducerDoesNotPublish() {
        assertThatThrownBy(() -> parse(SMALL.replace("shop.events: [ThingSold]", "shop.events: [ThingReturned]")))
                .hasMessage("ledger consumes ThingReturned from shop.events, but shop publishes only ThingSold");
    }

    @Test
    void refusesWaitingInACircle() {
        assertThatThrownBy(() -> parse(SMALL.replace("waits-for: [postgres, kafka]\n    instances", "waits-for: [shop]\n    instances")
                .replace("routes: [/api/shop/**]\n    waits-for: [postgres, kafka]", "routes: [/api/shop/**]\n    waits-for: [ledger]")))
                .hasMessageContaining("waits-for goes round in a circle");
    }

    @Test
    void refusesWaitingForSomethingUndeclared() {
        assertThatThrownBy(() -> parse(SMALL.replace("waits-for: [postgres, kafka]\n    instances", "waits-for: [redis]\n    instances")))
                .hasMessage("ledger waits for 'redis', which is not a component");
    }

    @Test
    void refusesSeveralInstancesOfAnythingButAService() {
        assertThatThrownBy(() -> parse(SMALL.replace("gateway: {kind: gateway, module: gateway, port: 8080}",
                "gateway: {kind: gateway, module: gateway, port: 8080, instances: 2}")))
                .hasMessage("gateway: only services run several instances; a gateway runs one");
    }

    @Test
    void refusesANiceOutsideUnixRangeAndForPostgres() {
        assertThatThrownBy(() -> parse(SMALL.replace("nice: 10", "nice: 20")))
                .hasMessage("ledger: nice must be between 0 and 19, was 20");
        assertThatThrownBy(() -> parse(SMALL.replace("nice: 10", "nice: -5")))
                .hasMessage("ledger: nice must be between 0 and 19, was -5");
        assertThatThrownBy(() -> parse(SMALL.replace("postgres: {kind: postgres, port: 5432}", "postgres: {kind: postgres, port: 5432, nice: 5}")))
                .hasMessage("postgres: the launcher runs PostgreSQL at the normal priority; remove nice");
    }

    @Test
    void refusesAKeyedWriteThatIsNotAWriteOnTheServicesOwnRoutes() {
        assertThatThrownBy(() -> parse(SMALL.replace("POST /api/shop/{id}/sales", "GET /api/shop/{id}")))
                .hasMessage("shop: keyed write 'GET /api/shop/{id}' is not '<POST|PUT|PATCH|DELETE> /path'");
        assertThatThrownBy(() -> parse(SMALL.replace("POST /api/shop/{id}/sales", "POST /api/ledger")))
                .hasMessage("shop: keyed write 'POST /api/ledger' is on none of its routes [/api/shop/**]");
        assertThat(parse(SMALL.replace("POST /api/shop/{id}/sales", "PUT /api/shop")).component("shop").keyedWrites())
                .as("/** matches the route's own path too").containsExactly("PUT /api/shop");
    }

    @Test
    void refusesAServiceWhoseTopicIsNotNamedAfterIt() {
        assertThatThrownBy(() -> parse(SMALL.replace("topic: shop.events", "topic: sales")))
                .hasMessage("shop: a service's topic is named after it, shop.events, not sales");
    }

    @Test
    void refusesAnUnknownKind() {
        assertThatThrownBy(() -> parse(SMALL.replace("kind: postgres", "kind: mysql")))
                .hasMessage("postgres: kind must be one of postgres, kafka, service, gateway, zipkin, console, storefront, not 'mysql'");
    }

    private static Topology parse(String yaml) {
        return Topology.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}
