package dev.bazaar.customer.support;

import java.time.Instant;
import java.util.UUID;

import dev.bazaar.customer.profile.CustomerId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupportRequestTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private final CustomerId ada = new CustomerId(UUID.randomUUID());
    private final UUID order = UUID.randomUUID();

    @Test
    void aRequestOpensWithTheShoppersFirstMessage() {
        SupportRequest request = open();

        assertThat(request.status()).isEqualTo(SupportStatus.OPEN);
        assertThat(request.customerId()).isEqualTo(ada);
        assertThat(request.orderId()).isEqualTo(order);
        assertThat(request.subject()).isEqualTo("Parcel not arrived");
        assertThat(request.messages()).containsExactly(new SupportMessage(Author.SHOPPER, "Where is it?", T0));
        assertThat(request.openedAt()).isEqualTo(T0).isEqualTo(request.updatedAt());
        assertThat(request.closedBy()).isNull();
    }

    @Test
    void staffsReplyAnswersTheRequestAndTheShoppersNextMessageReopensIt() {
        SupportRequest request = open();

        request.write(Author.STAFF, "It left our warehouse today", T0.plusSeconds(60));
        assertThat(request.status()).isEqualTo(SupportStatus.ANSWERED);

        request.write(Author.SHOPPER, "Still nothing", T0.plusSeconds(120));
        assertThat(request.status()).isEqualTo(SupportStatus.OPEN);
        assertThat(request.updatedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(request.messages()).extracting(SupportMessage::author).containsExactly(Author.SHOPPER, Author.STAFF, Author.SHOPPER);
    }

    @Test
    void aClosedRequestTakesNoMessageAndCannotBeClosedAgain() {
        SupportRequest request = open();
        request.close(Author.STAFF, T0.plusSeconds(60));

        assertThat(request.status()).isEqualTo(SupportStatus.CLOSED);
        assertThat(request.closedBy()).isEqualTo(Author.STAFF);
        assertThatThrownBy(() -> request.write(Author.SHOPPER, "One more thing", T0.plusSeconds(120)))
                .isInstanceOf(SupportRequest.Closed.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> request.close(Author.SHOPPER, T0.plusSeconds(120))).isInstanceOf(SupportRequest.Closed.class);
        assertThat(request.messages()).hasSize(1);
    }

    @Test
    void aRequestHoldsAtMostAHundredMessages() {
        SupportRequest request = open();
        for (int i = 1; i < SupportRequest.MAX_MESSAGES; i++) {
            request.write(i % 2 == 0 ? Author.SHOPPER : Author.STAFF, "message " + i, T0.plusSeconds(i));
        }

        assertThatThrownBy(() -> request.write(Author.SHOPPER, "one too many", T0.plusSeconds(1000))).isInstanceOf(SupportRequest.Full.class);
        assertThat(request.messages()).hasSize(SupportRequest.MAX_MESSAGES);
    }

    @Test
    void aSubjectIsOneLineOf1To120CharactersOnceTrimmed() {
        assertThat(SupportRequest.open(id(), ada, order, "  Late  ", "?", T0).subject()).isEqualTo("Late");
        assertThat(SupportRequest.open(id(), ada, order, "s".repeat(120), "?", T0).subject()).hasSize(120);
        assertThatThrownBy(() -> SupportRequest.open(id(), ada, order, " ", "?", T0)).hasMessageContaining("subject");
        assertThatThrownBy(() -> SupportRequest.open(id(), ada, order, "s".repeat(121), "?", T0)).hasMessageContaining("subject").hasMessageContaining("120");
        assertThatThrownBy(() -> SupportRequest.open(id(), ada, order, "Late\nvery", "?", T0)).hasMessageContaining("control characters");
        assertThatThrownBy(() -> SupportRequest.open(id(), ada, null, "Late", "?", T0)).hasMessageContaining("orderId");
    }

    @Test
    void aMessageIs1To2000CharactersOnceTrimmedAndMayHoldLineBreaks() {
        assertThat(new SupportMessage(Author.SHOPPER, " Hello,\n\tthe box was empty. ", T0).text()).isEqualTo("Hello,\n\tthe box was empty.");
        assertThat(new SupportMessage(Author.SHOPPER, "m".repeat(2000), T0).text()).hasSize(2000);
        assertThatThrownBy(() -> new SupportMessage(Author.SHOPPER, "m".repeat(2001), T0)).hasMessageContaining("message").hasMessageContaining("2000");
        assertThatThrownBy(() -> new SupportMessage(Author.SHOPPER, "\n ", T0)).hasMessageContaining("blank");
        assertThatThrownBy(() -> new SupportMessage(Author.SHOPPER, "bell\u0007", T0)).hasMessageContaining("control characters");
    }

    private SupportRequest open() {
        return SupportRequest.open(id(), ada, order, "Parcel not arrived", "Where is it?", T0);
    }

    private static SupportRequestId id() {
        return new SupportRequestId(UUID.randomUUID());
    }
}
