package dev.bazaar.gateway;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Token buckets per caller and class of route ({@code bazaar.gateway.rate-limits}). The caller is the subject of a
 * valid bearer token, or, for an anonymous request, the client's address (its own, not {@code X-Forwarded-For}, which
 * anyone can write). It runs just after the tokens are checked ({@link SecurityConfiguration}): a request with a bad
 * token is refused there, without being counted, and an anonymous flood is limited here by address. A backend that
 * serves people (the shop) would otherwise be one address for all its visitors: with the proxy secret in
 * {@value #PROXY} it says whose request it passes on, in {@code X-Forwarded-For}, and its anonymous requests are
 * counted by that visitor's address. The secret goes no further than here. Every answer of a limited class says its policy and
 * what is left (the IETF httpapi {@code RateLimit-Policy} and {@code RateLimit} fields); over the limit the answer is a
 * 429 problem with {@code Retry-After}, and nothing is forwarded.
 */
class RateLimiting implements WebFilter, Ordered {

    /** Just after Spring Security's filter chain (order -100), which has checked the token. */
    static final int ORDER = -99;

    /** The header in which a backend serving people shows the proxy secret. */
    static final String PROXY = "X-Bazaar-Proxy";
    /** An IPv4 or IPv6 address as a proxy writes it, and nothing else. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<RouteClass> classes = new ArrayList<>();
    private final Buckets buckets;
    private final byte[] proxySecret;

    RateLimiting(GatewayProperties.RateLimits limits, Buckets buckets) {
        this.buckets = buckets;
        this.proxySecret = limits.proxySecret() == null || limits.proxySecret().isBlank() ? null
                : limits.proxySecret().getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, GatewayProperties.RateLimits.RouteClass> declared : limits.classes().entrySet()) {
            classes.add(RouteClass.of(declared.getKey(), declared.getValue()));
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange received, WebFilterChain chain) {
        ServerHttpRequest request = received.getRequest();
        String address = fromTheProxy(request) ? visitorOf(request) : addressOf(request);
        ServerWebExchange exchange = request.getHeaders().getFirst(PROXY) == null ? received
                : received.mutate().request(forwarded -> forwarded.headers(headers -> headers.remove(PROXY))).build();
        RouteClass routeClass = classOf(request);
        if (routeClass == null) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal().map(principal -> "subject:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> "address:" + address))
                .flatMap(caller -> buckets.take(routeClass.name() + "|" + caller, routeClass.configuration()))
                .flatMap(probe -> {
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set("RateLimit-Policy", routeClass.policy());
                    headers.set("RateLimit", "\"" + routeClass.name() + "\";r=" + probe.getRemainingTokens()
                            + ";t=" + seconds(probe.getNanosToWaitForReset()));
                    if (probe.isConsumed()) {
                        return chain.filter(exchange);
                    }
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(probe.getNanosToWaitForRefill())));
                    return refuse(routeClass);
                });
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    RouteClass classOf(ServerHttpRequest request) {
        String method = request.getMethod().name();
        for (RouteClass candidate : classes) {
            if (candidate.matches(method, request.getPath().pathWithinApplication())) {
                return candidate;
            }
        }
        return null;
    }

    private boolean fromTheProxy(ServerHttpRequest request) {
        String shown = request.getHeaders().getFirst(PROXY);
        return proxySecret != null && shown != null && MessageDigest.isEqual(proxySecret, shown.getBytes(StandardCharsets.UTF_8));
    }

    /** The address the proxy appended last to {@code X-Forwarded-For}; its own when it wrote none that is an address. */
    private static String visitorOf(ServerHttpRequest request) {
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        String visitor = forwarded.isEmpty() ? "" : forwarded.get(forwarded.size() - 1).strip();
        return ADDRESS.matcher(visitor).matches() ? visitor : addressOf(request);
    }

    private static String addressOf(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static long seconds(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L));
    }

    private static Mono<Void> refuse(RouteClass routeClass) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "At most " + routeClass.limit() + " requests of class " + routeClass.name() + " per "
                        + routeClass.windowText() + "; try again after the time in Retry-After.");
        return Mono.error(new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null));
    }

    /** A class of route: which requests it counts, and its bucket (refilled evenly over the window). */
    record RouteClass(String name, Set<String> methods, List<PathPattern> paths, long limit, long windowSeconds,
                      BucketConfiguration configuration) {

        static RouteClass of(String name, GatewayProperties.RateLimits.RouteClass declared) {
            if (declared.paths() == null || declared.paths().isEmpty() || declared.limit() < 1 || declared.window() == null
                    || declared.window().toSeconds() < 1) {
                throw new IllegalArgumentException("Rate limit class " + name
                        + " needs paths, a limit of at least 1 and a window of at least 1s");
            }
            List<PathPattern> paths = declared.paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
            Set<String> methods = Set.copyOf(declared.methods().stream().map(m -> m.toUpperCase(Locale.ROOT)).toList());
            BucketConfiguration configuration = BucketConfiguration.builder()
                    .addLimit(Bandwidth.builder().capacity(declared.limit())
                            .refillGreedy(declared.limit(), declared.window()).build())
                    .build();
            return new RouteClass(name, methods, paths, declared.limit(), declared.window().toSeconds(), configuration);
        }

        boolean matches(String method, PathContainer path) {
            return (methods.isEmpty() || methods.contains(method)) && paths.stream().anyMatch(pattern -> pattern.matches(path));
        }

        String policy() {
            return "\"" + name + "\";q=" + limit + ";w=" + windowSeconds;
        }

        String windowText() {
            return windowSeconds == 1 ? "second" : windowSeconds + " seconds";
        }
    }
}
