package dev.bazaar.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Set;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The fallback of reads from the services named in {@code bazaar.gateway.stale.services} (catalog):
 * every 200 answer to a GET is remembered under its path and query, and while the service is down or
 * its breaker open the remembered answer is served again, marked stale ({@code X-Bazaar-Stale: true},
 * {@code Warning: 110 - "Response is Stale"}, {@code Age}). A read never answered before still gets
 * the 503 problem. Writes are never answered from memory.
 *
 * <p>Ordered just outside the filter that writes the service's body, so that it can copy the body as
 * it goes out and still catch the failure of the call before anything is written.
 */
@Component
class StaleReadFallbackFilter implements GlobalFilter, Ordered {

    static final String STALE_HEADER = "X-Bazaar-Stale";
    /** RFC 7234's stale warning; obsoleted by RFC 9111 but still what clients and proxies recognise. */
    static final String WARNING = "Warning";
    static final String STALE_WARNING = "110 - \"Response is Stale\"";

    private static final Logger log = LoggerFactory.getLogger(StaleReadFallbackFilter.class);

    private final RecentAnswers answers;
    private final Set<String> services;
    private final Clock clock;

    StaleReadFallbackFilter(RecentAnswers answers, GatewayProperties properties, Clock clock) {
        this.answers = answers;
        this.services = properties.stale().services();
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        ServerHttpRequest request = exchange.getRequest();
        if (route == null || !HttpMethod.GET.equals(request.getMethod())
                || !services.contains(Upstream.serviceOf(route))) {
            return chain.filter(exchange);
        }
        String key = keyOf(request);
        ServerWebExchange remembering = exchange.mutate().response(new Remembering(exchange.getResponse(), key)).build();
        return chain.filter(remembering)
                .onErrorResume(Upstream::isUnavailable, failure -> answers.get(key)
                        .map(answer -> serveStale(exchange, key, answer, failure))
                        .orElseGet(() -> Mono.error(failure)));
    }

    private static String keyOf(ServerHttpRequest request) {
        String query = request.getURI().getRawQuery();
        String path = request.getURI().getRawPath();
        return query == null ? path : path + "?" + query;
    }

    private Mono<Void> serveStale(ServerWebExchange exchange, String key, RecentAnswers.Answer answer, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        log.debug("{} unavailable ({}): serving the answer to {} kept since {}", Upstream.serviceOf(exchange),
                failure.toString(), key, answer.storedAt());
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        if (answer.contentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        headers.setContentLength(answer.body().length);
        headers.set(STALE_HEADER, "true");
        headers.set(WARNING, STALE_WARNING);
        headers.set(HttpHeaders.AGE, Long.toString(answer.ageAt(clock.instant()).getSeconds()));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(answer.body())));
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    /** Copies a 200 body on its way to the caller, and keeps it once it has been written completely. */
    private final class Remembering extends ServerHttpResponseDecorator {

        private final String key;

        Remembering(ServerHttpResponse delegate, String key) {
            super(delegate);
            this.key = key;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (!worthKeeping()) {
                return super.writeWith(body);
            }
            BodyCopy copy = new BodyCopy();
            String contentType = getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
            Flux<? extends DataBuffer> copied = Flux.from(body)
                    .doOnNext(copy::append)
                    .doOnComplete(() -> copy.keep(key, contentType));
            return super.writeWith(copied);
        }

        private boolean worthKeeping() {
            if (!HttpStatus.OK.equals(getStatusCode())) {
                return false;
            }
            // The key is path and query only: an answer encoded for one caller's Accept-Encoding could not be
            // served to another.
            String encoding = getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
            if (encoding != null && !"identity".equalsIgnoreCase(encoding)) {
                return false;
            }
            String cacheControl = getHeaders().getFirst(HttpHeaders.CACHE_CONTROL);
            if (cacheControl != null && (cacheControl.contains("no-store") || cacheControl.contains("private"))) {
                return false;
            }
            long length = getHeaders().getContentLength();
            return length < 0 || answers.fits(length);
        }
    }

    /** The bytes of one body, given up as soon as it outgrows what the cache could hold. */
    private final class BodyCopy {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean tooLarge;

        /** Reads the buffer's bytes without moving its read position: the same buffer is written next. */
        void append(DataBuffer buffer) {
            if (tooLarge || !answers.fits(bytes.size() + (long) buffer.readableByteCount())) {
                tooLarge = true;
                bytes.reset();
                return;
            }
            try (DataBuffer.ByteBufferIterator readable = buffer.readableByteBuffers()) {
                while (readable.hasNext()) {
                    ByteBuffer next = readable.next();
                    byte[] chunk = new byte[next.remaining()];
                    next.get(chunk);
                    bytes.write(chunk, 0, chunk.length);
                }
            }
        }

        void keep(String key, String contentType) {
            if (!tooLarge) {
                answers.put(key, bytes.toByteArray(), contentType);
            }
        }
    }
}
