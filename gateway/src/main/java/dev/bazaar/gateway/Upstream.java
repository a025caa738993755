package dev.bazaar.gateway;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * What the gateway knows about the service behind a route, and how a call to it failed. Shared by the
 * breaker, the stale-read fallback and the problem handler so that they agree on what "down" means.
 */
final class Upstream {

    /** Route metadata naming the service when a route's id is not the service's name. */
    static final String SERVICE_METADATA = "service";

    private Upstream() {
    }

    /** The service a request was routed to; {@code gateway} when no route matched. */
    static String serviceOf(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route == null ? "gateway" : serviceOf(route);
    }

    /** Routes are named after their service, unless several lead to the same one (metadata {@code service}). */
    static String serviceOf(Route route) {
        Object service = route.getMetadata().get(SERVICE_METADATA);
        return service == null ? route.getId() : service.toString();
    }

    /** Its breaker is open: the call was not even attempted. */
    static boolean isShortCircuited(Throwable failure) {
        return causedBy(failure, CallNotPermittedException.class);
    }

    /** The service had as many calls in flight as the gateway lets it have: the call was not even attempted. */
    static boolean isBusy(Throwable failure) {
        return causedBy(failure, InFlightLimitFilter.ServiceBusy.class);
    }

    /** Nothing accepted the connection, or the service's host name does not resolve. */
    static boolean isUnreachable(Throwable failure) {
        return causedBy(failure, ConnectException.class) || causedBy(failure, ConnectTimeoutException.class)
                || causedBy(failure, UnknownHostException.class);
    }

    /**
     * The service's host answered that nothing listens on the port: known at once, costing neither the
     * caller nor the service anything. (Netty's connect timeout is a {@code ConnectException} too.)
     */
    static boolean isRefused(Throwable failure) {
        return causedBy(failure, ConnectException.class) && !causedBy(failure, ConnectTimeoutException.class);
    }

    /** The route's response timeout passed before the service answered (the routing filter's 504). */
    static boolean isTimeout(Throwable failure) {
        return failure instanceof ErrorResponse error && error.getStatusCode().value() == 504;
    }

    /**
     * The service hung up before answering: it closed the connection, or its host reset it (the process was killed
     * while the gateway reused a pooled connection to it; Reactor Netty's own test for a reset).
     */
    static boolean isPrematureClose(Throwable failure) {
        return causedBy(failure, PrematureCloseException.class) || firstCause(failure, AbortedException::isConnectionReset).isPresent();
    }

    /** Any of the above: the service could not give an answer, as opposed to giving an unwelcome one. */
    static boolean isUnavailable(Throwable failure) {
        return isShortCircuited(failure) || isBusy(failure) || isUnreachable(failure) || isTimeout(failure) || isPrematureClose(failure);
    }

    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return cause(failure, type).isPresent();
    }

    /** The first of the failure and its causes that is of this type. */
    static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        return firstCause(failure, type::isInstance).map(type::cast);
    }

    private static Optional<Throwable> firstCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return Optional.of(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
