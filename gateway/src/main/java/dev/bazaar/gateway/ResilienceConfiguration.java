package dev.bazaar.gateway;

import java.time.Clock;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The circuit breakers (one per service, created on first use) and the cache behind stale reads. */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ResilienceConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CircuitBreakerRegistry circuitBreakers(GatewayProperties properties) {
        GatewayProperties.Breaker breaker = properties.breaker();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindow())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                // Slowness is the route's response timeout's business: a timed-out call is a failure.
                // A refused connection is neither success nor failure: it fails fast by itself, and not
                // counting it lets a restarted service be used the moment it listens again, instead of
                // being refused for the rest of an open period it did not need.
                .ignoreException(Upstream::isRefused)
                .build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        registry.getEventPublisher().onEntryAdded(added -> {
            CircuitBreaker created = added.getAddedEntry();
            created.getEventPublisher().onStateTransition(event -> {
                CircuitBreaker.StateTransition transition = event.getStateTransition();
                if (transition.getToState() == CircuitBreaker.State.OPEN) {
                    log.warn("{} circuit breaker {} -> {}: calls to {} are refused for {} ms", created.getName(),
                            transition.getFromState(), transition.getToState(), created.getName(),
                            breaker.openFor().toMillis());
                } else {
                    log.info("{} circuit breaker {} -> {}", created.getName(), transition.getFromState(),
                            transition.getToState());
                }
            });
        });
        return registry;
    }

    /** Each breaker's state, calls and failure rate as metrics ({@code resilience4j_circuitbreaker_state} ...). */
    @Bean
    MeterBinder breakerMetrics(CircuitBreakerRegistry breakers) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers);
    }

    @Bean
    RecentAnswers recentAnswers(GatewayProperties properties, Clock clock) {
        GatewayProperties.Stale stale = properties.stale();
        return new RecentAnswers(stale.maxEntries(), stale.maxBytes().toBytes(), stale.maxAge(), clock);
    }
}
