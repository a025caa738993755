package dev.bazaar.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/instances}: which instances of each service the gateway balances between, and the version of
 * the launcher's registry they come from. The launcher waits for the version it wrote before it stops an instance
 * that has left, so that no new request reaches it.
 */
@Component
@Endpoint(id = "instances")
class InstancesEndpoint {

    private final ServiceInstances instances;

    InstancesEndpoint(ServiceInstances instances) {
        this.instances = instances;
    }

    @ReadOperation
    Registry instances() {
        return new Registry(instances.version(), instances.services());
    }

    record Registry(long version, Map<String, List<URI>> services) {
    }
}
