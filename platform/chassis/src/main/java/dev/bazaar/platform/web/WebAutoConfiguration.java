package dev.bazaar.platform.web;

import java.util.Arrays;
import java.util.List;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import org.springframework.core.Ordered;
import tools.jackson.databind.JacksonModule;

import dev.bazaar.platform.messaging.DeadLetters;
import dev.bazaar.platform.messaging.MessagingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web edge every service shares: strict JSON, bounded requests, NUL refused, and every error, from whichever
 * layer, a problem document (RFC 9457).
 */
// Before Boot's error handling, whose BasicErrorController steps back for ours (ProblemErrorController).
@AutoConfiguration(after = MessagingAutoConfiguration.class, beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebLimits.class)
@Import({ProblemDetailsAdvice.class, ProblemErrorController.class, ApiDocs.class, Access.class})
public class WebAutoConfiguration {

    /** Lets a controller method declare who calls it ({@link Caller}). */
    /**
     * The launcher's health checks and the console's and Prometheus' scrapes are neither traced nor counted as requests:
     * they would fill Zipkin's bounded store with spans of nothing (a few a second across the platform) and blur the
     * RED metrics of the API.
     */
    @Bean
    ObservationPredicate actuatorRequestsAreNotObserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier().getRequestURI().startsWith("/actuator"));
    }

    @Bean
    WebMvcConfigurer bazaarCaller() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new Caller.Resolver());
            }
        };
    }

    /** Registered by Boot with the JSON mapper every controller reads bodies with. */
    @Bean
    JacksonModule bazaarStrictText() {
        return StrictText.module();
    }

    /**
     * JSON read as written: a number is not taken from a string ({@code "quantity": "1"}) nor a string from a number
     * (a card number sent as a JSON number), a fraction is not cut to an integer, and a field named twice is refused
     * rather than the last one winning.
     */
    @Bean
    JsonMapperBuilderCustomizer bazaarStrictJson() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, textual -> textual
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    FilterRegistrationBean<RequestLimits> bazaarRequestLimits(WebLimits limits) {
        FilterRegistrationBean<RequestLimits> registration = new FilterRegistrationBean<>(new RequestLimits(limits.maxBodySize()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Tomcat's own error reports (what it refuses before Spring sees the request) as problem documents too. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> bazaarProblemErrorReports() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(ConfigurableTomcatWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    StandardHost host = (StandardHost) context.getParent();
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    // Or the host would add Tomcat's HTML one again when it starts.
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    if (Arrays.stream(host.getPipeline().getValves()).noneMatch(ProblemErrorReportValve.class::isInstance)) {
                        host.getPipeline().addValve(new ProblemErrorReportValve());
                    }
                });
            }
        };
    }

    @Bean
    FilterRegistrationBean<NulGuard> bazaarNulGuard() {
        FilterRegistrationBean<NulGuard> registration = new FilterRegistrationBean<>(new NulGuard());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    @ConditionalOnBean(DeadLetters.class)
    DeadLetterAdminController deadLetterAdminController(DeadLetters deadLetters) {
        return new DeadLetterAdminController(deadLetters);
    }
}
