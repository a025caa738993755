package dev.bazaar.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Answers the gateway composes itself ({@code bazaar.gateway.compositions}): each part asked of the service that owns
 * it, all in parallel. Each part has its own deadline and goes through its service's circuit breaker, so a service that
 * is down or slow costs at most that deadline: its part is marked {@code unavailable}, the others still come, and the
 * answer is never a 5xx as a whole. Unless the composition says otherwise ({@code first-part-decides: false}), the
 * first part is the subject: when its service refuses (unknown id: 404), that refusal is the answer.
 *
 * <p>A part's path may name {@code {subject}}: the subject of the caller's bearer token, checked by
 * {@link SecurityConfiguration}. Such a composition answers only a signed-in caller (anonymous: a 401 problem), and
 * only about themselves: there is no id in its path to change.
 *
 * <p>Each part is {@code {"state": "ok", "value": ...}}, {@code {"state": "none"}} when its service has nothing for the
 * subject (it answered 404), {@code {"state": "refused", "detail": ...}} for another 4xx, or
 * {@code {"state": "unavailable", "detail": ...}}. The gateway does not look inside the parts: it knows services and
 * paths, not what they carry.
 */
final class ComposedAnswers {

    private static final Logger log = LoggerFactory.getLogger(ComposedAnswers.class);
    /** The path variable that stands for the signed-in caller. */
    static final String SUBJECT = "subject";

    private final WebClient services;
    private final CircuitBreakerRegistry breakers;

    ComposedAnswers(WebClient services, CircuitBreakerRegistry breakers) {
        this.services = services;
        this.breakers = breakers;
    }

    /** One handler per declared composition, at its path. */
    RouterFunction<ServerResponse> routes(Map<String, GatewayProperties.Composition> compositions) {
        RouterFunctions.Builder routes = RouterFunctions.route();
        compositions.forEach((name, composition) -> {
            List<PartSource> parts = new ArrayList<>();
            composition.parts().forEach((part, source) -> parts.add(PartSource.parse(name, part, source)));
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("Composition " + name + " has no parts");
            }
            boolean aboutTheCaller = parts.stream().anyMatch(part -> part.path().contains("{" + SUBJECT + "}"));
            routes.GET(composition.path(), request -> aboutTheCaller
                    ? request.principal()
                            .flatMap(caller -> compose(request, withSubject(request.pathVariables(), caller.getName()), parts, composition))
                            .switchIfEmpty(Mono.error(() -> signIn(composition.path())))
                    : compose(request, request.pathVariables(), parts, composition));
        });
        return routes.build();
    }

    private static ErrorResponseException signIn(String path) {
        ErrorResponseException refused = new ErrorResponseException(HttpStatus.UNAUTHORIZED, ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED, "Sign in: " + path + " answers about the signed-in caller."), null);
        refused.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return refused;
    }

    private static Map<String, String> withSubject(Map<String, String> variables, String subject) {
        Map<String, String> all = new LinkedHashMap<>(variables);
        all.put(SUBJECT, subject);
        return all;
    }

    private Mono<ServerResponse> compose(ServerRequest request, Map<String, String> variables, List<PartSource> parts,
                                         GatewayProperties.Composition composition) {
        Duration timeout = composition.timeout();
        HttpHeaders forwarded = forwardedHeaders(request.headers().asHttpHeaders());
        return Flux.fromIterable(parts)
                .flatMapSequential(part -> fetch(part, variables, forwarded, timeout))
                .collectList()
                .flatMap(answers -> {
                    Part subject = answers.get(0);
                    if (composition.firstPartDecides() && subject.status() >= 400) {
                        ServerResponse.BodyBuilder refused = ServerResponse.status(subject.status())
                                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
                        return subject.value() == null ? refused.build() : refused.bodyValue(subject.value());
                    }
                    Map<String, Object> body = new LinkedHashMap<>(variables);
                    for (int i = 0; i < parts.size(); i++) {
                        body.put(parts.get(i).name(), answers.get(i).view());
                    }
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
                });
    }

    private Mono<Part> fetch(PartSource part, Map<String, String> variables, HttpHeaders forwarded, Duration timeout) {
        return services.get().uri("http://" + part.service() + part.path(), variables)
                .headers(headers -> headers.addAll(forwarded))
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> read(part.service(), response))
                .transformDeferred(CircuitBreakerOperator.of(breakers.circuitBreaker(part.service())))
                .timeout(timeout)
                .onErrorResume(failure -> Mono.just(Part.unavailable(describe(part.service(), failure, timeout))));
    }

    private static Mono<Part> read(String service, ClientResponse response) {
        int status = response.statusCode().value();
        if (response.statusCode().is2xxSuccessful()) {
            return response.bodyToMono(JsonNode.class).map(Part::ok);
        }
        if (response.statusCode().is4xxClientError()) {
            return response.bodyToMono(JsonNode.class).map(problem -> Part.refused(status, problem))
                    .defaultIfEmpty(Part.refused(status, null));
        }
        // 5xx: the service cannot serve now; an error, so that its breaker counts it as the routes count theirs.
        return response.releaseBody().then(Mono.error(new ServiceFailure(service + " answered " + status)));
    }

    private static String describe(String service, Throwable failure, Duration timeout) {
        if (failure instanceof TimeoutException) {
            return "The " + service + " service did not answer within " + timeout.toMillis() + " ms.";
        }
        log.debug("part from {} unavailable: {}", service, failure.toString());
        return Upstream.isShortCircuited(failure)
                ? "The " + service + " service is not available right now (its circuit breaker is open)."
                : "The " + service + " service is not available right now.";
    }

    /** What a service needs to know who asks (the trace's headers are the observed client's to set). */
    private static HttpHeaders forwardedHeaders(HttpHeaders incoming) {
        HttpHeaders forwarded = new HttpHeaders();
        for (String name : List.of(HttpHeaders.AUTHORIZATION)) {
            List<String> values = incoming.get(name);
            if (values != null) {
                forwarded.put(name, values);
            }
        }
        return forwarded;
    }

    /** A part as declared: {@code <service>:<path>}, the path with the composition's variables. */
    record PartSource(String name, String service, String path) {

        static PartSource parse(String composition, String name, String source) {
            int colon = source.indexOf(':');
            if (colon < 1 || !source.startsWith("/", colon + 1)) {
                throw new IllegalArgumentException("Part " + name + " of composition " + composition
                        + " must read <service>:/path, not " + source);
            }
            return new PartSource(name, source.substring(0, colon), source.substring(colon + 1));
        }
    }

    /** One part's answer. */
    record Part(String state, JsonNode value, int status, String detail) {

        static Part ok(JsonNode value) {
            return new Part("ok", value, 200, null);
        }

        static Part refused(int status, JsonNode problem) {
            String detail = problem == null ? null : problem.path("detail").asString(null);
            return new Part(status == 404 ? "none" : "refused", problem, status, detail);
        }

        static Part unavailable(String detail) {
            return new Part("unavailable", null, 0, detail);
        }

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("state", state);
            if (state.equals("ok")) {
                view.put("value", value);
            } else if (!state.equals("none") && detail != null) {
                view.put("detail", detail);
            }
            return view;
        }
    }

    /** A service answered with a 5xx. */
    static final class ServiceFailure extends RuntimeException {

        ServiceFailure(String message) {
            super(message, null, false, false);
        }
    }
}
