package dev.bazaar.gateway;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One read of the issuer's keys at a time, its answer shared for a second: no I/O, the issuer is a fake, time virtual. */
class SharedKeyReadsTest {

    private static final ClientRequest READ = ClientRequest.create(HttpMethod.GET, URI.create("http://issuer.test/oauth2/jwks")).build();

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final SharedKeyReads shared = new SharedKeyReads(clock);
    private final AtomicInteger reads = new AtomicInteger();
    private Sinks.One<ClientResponse> issuer = Sinks.one();

    /** The issuer: counts the reads (when one is made, not asked for), and answers each when the test says. */
    private final ExchangeFunction next = request -> Mono.defer(() -> {
        reads.incrementAndGet();
        return issuer.asMono();
    });

    @Test
    void checksThatComeWhileTheKeysAreReadWaitForThatReadAndEachGetsTheAnswer() {
        Mono<String> first = body(shared.filter(READ, next));
        Mono<String> second = body(shared.filter(READ, next));
        var firstBody = first.toFuture();
        var secondBody = second.toFuture();

        assertThat(reads).as("reads while one is under way").hasValue(1);
        issuer.tryEmitValue(ClientResponse.create(HttpStatus.OK).body("{\"keys\":[]}").build());
        assertThat(firstBody.join()).isEqualTo("{\"keys\":[]}");
        assertThat(secondBody.join()).isEqualTo("{\"keys\":[]}");
    }

    @Test
    void anAnswerIsTakenAgainForASecondThenTheKeysAreReadAgain() {
        issuer.tryEmitValue(ClientResponse.create(HttpStatus.OK).body("first").build());
        assertThat(body(shared.filter(READ, next)).block()).isEqualTo("first");

        clock.advanceTimeBy(SharedKeyReads.REUSED_FOR.minusMillis(1));
        assertThat(body(shared.filter(READ, next)).block()).isEqualTo("first");
        assertThat(reads).as("reads within a second of the last").hasValue(1);

        issuer = Sinks.one();
        issuer.tryEmitValue(ClientResponse.create(HttpStatus.OK).body("second").build());
        clock.advanceTimeBy(Duration.ofMillis(1));
        assertThat(body(shared.filter(READ, next)).block()).isEqualTo("second");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailedReadIsEveryWaitingChecksFailureAndIsTriedAgainASecondLater() {
        var first = body(shared.filter(READ, next)).toFuture();
        var second = body(shared.filter(READ, next)).toFuture();
        issuer.tryEmitError(new ConnectException("identity away"));

        assertThatThrownBy(first::join).hasCauseInstanceOf(WebClientRequestException.class).hasRootCauseInstanceOf(ConnectException.class);
        assertThatThrownBy(second::join).hasCauseInstanceOf(WebClientRequestException.class).hasRootCauseInstanceOf(ConnectException.class);
        assertThat(reads).hasValue(1);

        issuer = Sinks.one();
        issuer.tryEmitValue(ClientResponse.create(HttpStatus.SERVICE_UNAVAILABLE).body("busy").build());
        clock.advanceTimeBy(SharedKeyReads.REUSED_FOR);
        ClientResponse busy = shared.filter(READ, next).block();
        assertThat(busy.statusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(busy.bodyToMono(String.class).block()).isEqualTo("busy");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aReadThatNeverEndsGivesUpAndTheNextCheckAfterASecondReadsAgain() {
        var waiting = body(shared.filter(READ, next)).toFuture();
        clock.advanceTimeBy(SharedKeyReads.READ_TIMEOUT);
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(WebClientRequestException.class)
                .hasRootCauseInstanceOf(TimeoutException.class);

        issuer = Sinks.one();
        issuer.tryEmitValue(ClientResponse.create(HttpStatus.OK).body("keys").build());
        clock.advanceTimeBy(SharedKeyReads.REUSED_FOR);
        assertThat(body(shared.filter(READ, next)).block()).isEqualTo("keys");
        assertThat(reads).hasValue(2);
    }

    private static Mono<String> body(Mono<ClientResponse> response) {
        return response.flatMap(answer -> answer.bodyToMono(String.class));
    }
}
