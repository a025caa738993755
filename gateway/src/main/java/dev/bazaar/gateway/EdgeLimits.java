package dev.bazaar.gateway;

import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * What one request may bring to the platform, refused at the door with a problem ({@link UpstreamProblemHandler})
 * before anything is forwarded: TRACE and CONNECT (405), a target longer than {@code max-uri-length} (414), more
 * header bytes than {@code max-header-size} (431), a body longer than {@code max-body-size} (413), and a body with no
 * Content-Length (411), which could otherwise grow unseen while it streams to a service. Without these, a few 14 MB
 * orders timed the gateway out, opened ordering's breaker for everyone and then exhausted ordering's heap.
 */
@Component
@Order(EdgeLimits.ORDER)
class EdgeLimits implements WebFilter {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private static final List<HttpMethod> WITH_BODY = List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final GatewayProperties.Limits limits;

    EdgeLimits(GatewayProperties properties) {
        this.limits = properties.limits();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String method = request.getMethod().name();
        if (method.equals("TRACE") || method.equals("CONNECT")) {
            return refuse(HttpStatus.METHOD_NOT_ALLOWED, method + " is not allowed");
        }
        if (request.getURI().getRawPath().length() + rawQueryLength(request) > limits.maxUriLength().toBytes()) {
            return refuse(HttpStatus.URI_TOO_LONG, "A request target may be at most " + limits.maxUriLength().toBytes() + " bytes");
        }
        long headerBytes = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                headerBytes += header.getKey().length() + value.length() + 4;
            }
        }
        if (headerBytes > limits.maxHeaderSize().toBytes()) {
            return refuse(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "The request's headers may hold at most " + limits.maxHeaderSize().toKilobytes() + " KB");
        }
        long length = request.getHeaders().getContentLength();
        if (length > limits.maxBodySize().toBytes()) {
            return refuse(HttpStatus.CONTENT_TOO_LARGE, "A request body may hold at most " + limits.maxBodySize().toKilobytes() + " KB");
        }
        if (length < 0 && WITH_BODY.contains(request.getMethod()) && request.getHeaders().containsHeader("Transfer-Encoding")) {
            return refuse(HttpStatus.LENGTH_REQUIRED, "A request body needs a Content-Length");
        }
        return chain.filter(exchange);
    }

    private static int rawQueryLength(ServerHttpRequest request) {
        String query = request.getURI().getRawQuery();
        return query == null ? 0 : query.length() + 1;
    }

    private static Mono<Void> refuse(HttpStatus status, String detail) {
        return Mono.error(new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null));
    }
}
