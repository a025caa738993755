package dev.bazaar.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers the gateway composes itself. Their handlers are found before the routes (a router function's mapping
 * comes first), so {@code /api/orders/{id}/overview} is not forwarded to ordering with the rest of
 * {@code /api/orders/**}.
 */
@Configuration(proxyBeanMethods = false)
class CompositionConfiguration {

    /**
     * Calls {@code http://<service>/...}, balanced over the service's instances like the routes; observed, so that each
     * part is a client span of the request's trace and its service continues that trace. Parts are read with the
     * gateway's own JSON settings, but decimals as written: as doubles, an amount of 54.50 would be passed on as 54.5.
     */
    @Bean
    @LoadBalanced
    WebClient.Builder serviceClients(ObservationRegistry observations, JsonMapper json) {
        JsonMapper exactDecimals = json.rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        return WebClient.builder().observationRegistry(observations)
                .codecs(codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(exactDecimals)));
    }

    @Bean
    RouterFunction<ServerResponse> composedAnswers(WebClient.Builder serviceClients, CircuitBreakerRegistry breakers,
                                                   GatewayProperties properties) {
        return new ComposedAnswers(serviceClients.build(), breakers).routes(properties.compositions());
    }
}
