package dev.bazaar.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.bazaar.platform.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpMethod;

import static org.assertj.core.groups.Tuple.tuple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The routes made of the map: keyed writes first, each taking only what its own service's paths would take anyway. */
class RoutingConfigurationIT {

    /** The repository's, one level above this module. */
    private static final Path MAP = Path.of("..", Topology.FILE);

    @Test
    void keyedWritesComeFirstNamedAfterTheirServicesPathRoutes() {
        List<RoutingConfiguration.Route> routes = RoutingConfiguration.routesOf(Topology.load(MAP));

        assertThat(routes.subList(0, 3)).extracting(RoutingConfiguration.Route::id, RoutingConfiguration.Route::keyedWrite,
                        RoutingConfiguration.Route::path)
                .containsExactly(
                        tuple("customer-2", HttpMethod.POST, "/api/customers/{id}/support-requests"),
                        tuple("ordering-4", HttpMethod.POST, "/api/orders"),
                        tuple("ordering-5", HttpMethod.POST, "/api/cart/checkout"));
        assertThat(routes.subList(3, routes.size())).allSatisfy(route -> assertThat(route.keyedWrite()).isNull());
    }

    @Test
    void refusesAKeyedWriteOnAPathTheGatewayRoutesToAnotherService(@TempDir Path directory) throws IOException {
        // Within customer's /api/customers/**, but ordering's /api/customers/*/orders is the more specific route.
        Path map = directory.resolve(Topology.FILE);
        Files.writeString(map, Files.readString(MAP).replace("\"POST /api/customers/{id}/support-requests\"", "\"POST /api/customers/{id}/orders\""));

        assertThatThrownBy(() -> RoutingConfiguration.routesOf(Topology.load(map)))
                .hasMessage("topology.yaml: customer declares the keyed write POST /api/customers/{id}/orders, but the gateway routes "
                        + "that path to ordering");
    }
}
