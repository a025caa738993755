package dev.bazaar.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The gateway's reads of the issuer's keys, one at a time, each answer shared for a second. {@link IssuerKeys} reads the
 * keys when it has none yet, when they are old, and again for every token naming a key it does not hold, once per
 * such token, however many are checked at once. Two things followed from that: a gateway started under load read the keys once for each
 * of its first requests, through itself, more than identity's limit of calls in flight let through (so most failed,
 * as 503 {@code keys-unavailable}); and anyone could make the gateway read the keys once per request by sending tokens
 * with made-up key ids. Now every check that comes while a read is under way, or in the second after it ended, takes
 * that read's answer, success or failure ({@link Mono#cache(Duration, Scheduler)}); the first after that reads again.
 * <p>
 * What a second allows: a token signed with a key made in the second after a read (a rotation, which identity does
 * not announce ahead) is refused with a 401 until the next read, which the first such token after that second starts.
 * A read gives up after {@link #READ_TIMEOUT} (5 s): one that never ended would otherwise be shared for ever. Each waiting
 * check gets a failure of its own ({@link WebClientRequestException}, which the token check answers with a 503
 * {@code keys-unavailable}), the shared one as its cause.
 * <p>
 * The first request it sees is the one it repeats, so it is given only to the client that reads the keys
 * ({@link IssuerKeys.Decoder}), which makes one request.
 */
final class SharedKeyReads implements ExchangeFilterFunction {

    static final Duration REUSED_FOR = Duration.ofSeconds(1);
    /** As long as the gateway waits for a service's answer (bazaar.gateway.response-timeout's default). */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Scheduler clock;
    private final AtomicReference<Mono<Answer>> reads = new AtomicReference<>();

    /** @param clock what times the read out and its answer's second */
    SharedKeyReads(Scheduler clock) {
        this.clock = clock;
    }

    /** An answer as read once: its status, headers and body, from which each check gets a response of its own. */
    private record Answer(HttpStatusCode status, HttpHeaders headers, String body) {

        ClientResponse response() {
            return ClientResponse.create(status).headers(copy -> copy.addAll(headers)).body(body).build();
        }
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        Mono<Answer> shared = reads.updateAndGet(made -> made != null ? made : Mono.defer(() -> next.exchange(request))
                .flatMap(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> new Answer(response.statusCode(), response.headers().asHttpHeaders(), body)))
                .timeout(READ_TIMEOUT, clock)
                .cache(REUSED_FOR, clock));
        return shared.map(Answer::response)
                .onErrorMap(failure -> new WebClientRequestException(failure, request.method(), request.url(), request.headers()));
    }
}
