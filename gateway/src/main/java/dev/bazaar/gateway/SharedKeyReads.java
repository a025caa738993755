package dev.bazaar.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.JwkSetUriReactiveJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * The gateway's reads of the issuer's keys, one at a time, each answer shared for a second. Spring Security reads the
 * keys when it has none yet and again for every token naming a key it does not hold, once per such token, however
 * many are checked at once. Two things followed from that: a gateway started under load read the keys once for each
 * of its first requests, through itself, more than identity's limit of calls in flight let through (so most failed,
 * as 503 {@code keys-unavailable}); and anyone could make the gateway read the keys once per request by sending tokens
 * with made-up key ids. Now a read starts only when none is under way and the last one ended more than a second ago;
 * every other check waits for, or takes, that read's answer, success or failure.
 * <p>
 * What a second allows: a token signed with a key made in the second after a read (a rotation, which identity does
 * not announce ahead) is refused with a 401 until the next read, which the first such token after that second starts.
 * A read gives up after {@link #READ_TIMEOUT} (5 s): one that never ended would otherwise be shared for ever. Each waiting
 * check gets a failure of its own ({@link WebClientRequestException}, which the token check answers with a 503
 * {@code keys-unavailable}), the shared one as its cause.
 * <p>
 * It shares a read between any two requests, so it is given only to the client that reads the keys, which reads one
 * address.
 */
final class SharedKeyReads implements ExchangeFilterFunction {

    static final Duration REUSED_FOR = Duration.ofSeconds(1);
    /** As long as the gateway waits for a service's answer (bazaar.gateway.response-timeout's default). */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final LongSupplier nanoTime;
    private final Duration readTimeout;
    private final AtomicReference<Read> last = new AtomicReference<>();

    SharedKeyReads(LongSupplier nanoTime, Duration readTimeout) {
        this.nanoTime = nanoTime;
        this.readTimeout = readTimeout;
    }

    /** An answer as read once: its status, headers and body, from which each check gets a response of its own. */
    private record Answer(HttpStatusCode status, HttpHeaders headers, String body) {

        ClientResponse response() {
            return ClientResponse.create(status).headers(copy -> copy.addAll(headers)).body(body).build();
        }
    }

    /** A read of the keys, shared by every check that comes while it is under way or during the second after it. */
    private final class Read {

        final Mono<Answer> answer;
        volatile long endedAt;
        volatile boolean ended;

        Read(ClientRequest request, ExchangeFunction next) {
            this.answer = next.exchange(request)
                    .flatMap(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                            .map(body -> new Answer(response.statusCode(), response.headers().asHttpHeaders(), body)))
                    .timeout(readTimeout)
                    .doFinally(signal -> {
                        endedAt = nanoTime.getAsLong();
                        ended = true;
                    })
                    .cache();
        }

        boolean reusable() {
            return !ended || nanoTime.getAsLong() - endedAt < REUSED_FOR.toNanos();
        }
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.defer(() -> {
            Read read = last.get();
            while (read == null || !read.reusable()) {
                Read fresh = new Read(request, next);
                read = last.compareAndSet(read, fresh) ? fresh : last.get();
            }
            return read.answer.map(Answer::response)
                    .onErrorMap(failure -> new WebClientRequestException(failure, request.method(), request.url(), request.headers()));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Installed {

        /** Spring Boot's token decoder reads the issuer's keys through a client that shares its reads. */
        @Bean
        JwkSetUriReactiveJwtDecoderBuilderCustomizer sharedKeyReads() {
            SharedKeyReads shared = new SharedKeyReads(System::nanoTime, READ_TIMEOUT);
            return builder -> builder.webClient(WebClient.builder().filter(shared).build());
        }
    }
}
