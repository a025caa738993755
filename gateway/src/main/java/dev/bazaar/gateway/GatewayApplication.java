package dev.bazaar.gateway;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import reactor.netty.ReactorNetty;

/** The single entry point of Bazaar: routes each {@code /api/...} path to the service owning it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        acceptConnectionsOnAThreadOfTheirOwn();
        SpringApplication.run(GatewayApplication.class, args);
    }

    /**
     * Reactor Netty accepts connections on one of the event loops that also serve requests, unless told otherwise. In a
     * burst at twice what the platform sustains, that loop fell behind: new connections waited in the kernel's queue
     * for up to 30 s while the gateway had answers ready in milliseconds, and clients timed out, some behind orders
     * that were placed all the same. A thread of its own accepts at once, and the gateway sheds what it cannot take
     * with a 503 instead (docs/performance.md, "Calls in flight limited at the gateway, and connections accepted on a
     * thread of their own"). Set before anything loads Reactor Netty, which reads it once; an operator's own setting
     * wins.
     */
    static void acceptConnectionsOnAThreadOfTheirOwn() {
        if (System.getProperty(ReactorNetty.IO_SELECT_COUNT) == null) {
            System.setProperty(ReactorNetty.IO_SELECT_COUNT, "1");
        }
    }

    /**
     * Health checks and scrapes are neither traced nor counted as requests, as in every service: spans of nothing would
     * fill Zipkin's bounded store, and blur the RED metrics of the API.
     */
    @Bean
    ObservationPredicate actuatorRequestsAreNotObserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier().getPath().value().startsWith("/actuator"));
    }
}
