package dev.bazaar.gateway;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Topology;
import org.springdoc.core.properties.AbstractSwaggerUiConfigProperties.SwaggerUrl;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Swagger UI ({@code /swagger-ui.html}) over the public API of every service of the map: each service's OpenAPI
 * document is routed at {@code /v3/api-docs/<service>} ({@link RoutingConfiguration}) and listed here, so that a
 * service added to topology.yaml appears by itself. The UI signs in at identity (authorization code with PKCE, client
 * {@code bazaar-cli}) and tries requests through this gateway with the token.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static final String PATH = "/v3/api-docs/";

    @Bean
    InitializingBean everyServiceInSwaggerUi(SwaggerUiConfigProperties swaggerUi, Topology topology) {
        return () -> {
            Set<SwaggerUrl> urls = new LinkedHashSet<>();
            for (Component service : topology.services()) {
                SwaggerUrl url = new SwaggerUrl();
                url.setName(service.name());
                url.setDisplayName(service.name() + ": " + service.description());
                url.setUrl(PATH + service.name());
                urls.add(url);
            }
            swaggerUi.setUrls(urls);
        };
    }
}
