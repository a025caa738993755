package dev.bazaar.customer.adapter.web;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.support.Author;
import dev.bazaar.customer.support.SupportMessage;
import dev.bazaar.customer.support.SupportRequest;
import dev.bazaar.customer.support.SupportRequestId;
import dev.bazaar.customer.support.SupportRequestSummary;
import dev.bazaar.customer.support.SupportStatus;
import dev.bazaar.customer.support.application.SupportDesk;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import dev.bazaar.platform.web.Caller;
import dev.bazaar.platform.web.Problems;
import dev.bazaar.platform.web.SingleLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Support requests under {@code /api/customers/{id}/support-requests}: the shopper opens one about an order, reads
 * theirs with their history, writes and closes; staff (and the operator) read any customer's, reply (their messages
 * marked STAFF) and close. Another shopper's requests are unknown ones. Staff's list of every request is
 * {@code GET /api/customers/support-requests}: a customer id is a UUID, never "support-requests".
 */
@RestController
@RequestMapping("/api/customers")
class SupportController {

    private static final String LINES = "[\\P{Cc}\\t\\n\\r]*";

    private final SupportDesk desk;

    SupportController(SupportDesk desk) {
        this.desk = desk;
    }

    /** Staff: every request, optionally of one status, the one waiting longest first. */
    @GetMapping("/support-requests")
    Page<SummaryView> all(@RequestParam(required = false) String status,
                          @RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(PageRequest.MAX_SIZE) int size) {
        return desk.all(status(status), new PageRequest(page, size)).map(SummaryView::of);
    }

    /** The shopper's own (shoppers only, by the access rules): staff do not open requests in a shopper's name. */
    @PostMapping("/{id}/support-requests")
    ResponseEntity<RequestView> open(@PathVariable String id, @Valid @RequestBody OpenRequest body,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                     Caller caller) {
        CustomerId customerId = Owners.ownedBy(caller, id);
        // Checked here rather than by a constraint on the parameter: that would validate the body as a parameter too,
        // and name it "body" instead of its wrong field.
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new IllegalArgumentException("Idempotency-Key has 1 to 200 characters");
        }
        SupportRequest opened = desk.open(customerId, body.orderId(), body.subject(), body.message(), idempotencyKey);
        return ResponseEntity.created(URI.create("/api/customers/" + customerId + "/support-requests/" + opened.id()))
                .body(RequestView.of(opened));
    }

    /** The customer's requests, the most recently changed first. */
    @GetMapping("/{id}/support-requests")
    Page<SummaryView> of(@PathVariable String id, Caller caller,
                         @RequestParam(defaultValue = "0") @Min(0) int page,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(PageRequest.MAX_SIZE) int size) {
        return desk.of(Owners.readableBy(caller, id), new PageRequest(page, size)).map(SummaryView::of);
    }

    @GetMapping("/{id}/support-requests/{requestId}")
    RequestView request(@PathVariable String id, @PathVariable String requestId, Caller caller) {
        return RequestView.of(desk.find(Owners.readableBy(caller, id), requestId(requestId)));
    }

    /** A message from the shopper reopens the request for staff; one from staff answers it. */
    @PostMapping("/{id}/support-requests/{requestId}/messages")
    RequestView write(@PathVariable String id, @PathVariable String requestId, @Valid @RequestBody MessageRequest body, Caller caller) {
        return RequestView.of(desk.write(Owners.readableBy(caller, id), requestId(requestId), author(caller), body.text()));
    }

    @PostMapping("/{id}/support-requests/{requestId}/close")
    RequestView close(@PathVariable String id, @PathVariable String requestId, Caller caller) {
        return RequestView.of(desk.close(Owners.readableBy(caller, id), requestId(requestId), author(caller)));
    }

    @ExceptionHandler(SupportDesk.UnknownSupportRequest.class)
    ProblemDetail unknown(SupportDesk.UnknownSupportRequest e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "unknown-support-request", "Unknown support request", e.getMessage());
    }

    @ExceptionHandler(SupportRequest.Closed.class)
    ProblemDetail closed(SupportRequest.Closed e) {
        return Problems.problem(HttpStatus.CONFLICT, "support-request-closed", "Support request closed", e.getMessage());
    }

    @ExceptionHandler(SupportRequest.Full.class)
    ProblemDetail full(SupportRequest.Full e) {
        return Problems.problem(HttpStatus.CONFLICT, "support-request-full", "Support request full", e.getMessage());
    }

    @ExceptionHandler(SupportDesk.IdempotencyKeyReused.class)
    ProblemDetail reused(SupportDesk.IdempotencyKeyReused e) {
        return Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage());
    }

    /** Staff and the operator write as staff; a shopper, on their own request, as the shopper. */
    private static Author author(Caller caller) {
        return caller.actsForAnyone() ? Author.STAFF : Author.SHOPPER;
    }

    private static SupportRequestId requestId(String value) {
        try {
            return new SupportRequestId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new SupportDesk.UnknownSupportRequest(value);
        }
    }

    private static Optional<SupportStatus> status(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SupportStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "status must be one of " + Arrays.toString(SupportStatus.values()));
        }
    }

    /** {@code orderId} is the shopper's claim: not checked against ordering, shown as given. */
    record OpenRequest(@NotNull UUID orderId,
                       @NotBlank @Size(max = SupportRequest.SUBJECT_MAX_LENGTH)
                       @SingleLine String subject,
                       @NotBlank @Size(max = SupportMessage.MAX_LENGTH)
                       @Pattern(regexp = LINES, message = "must not contain control characters other than line breaks and tabs")
                       String message) {
    }

    record MessageRequest(@NotBlank @Size(max = SupportMessage.MAX_LENGTH)
                          @Pattern(regexp = LINES, message = "must not contain control characters other than line breaks and tabs")
                          String text) {
    }

    record MessageView(String author, String text, Instant at) {
        static MessageView of(SupportMessage message) {
            return new MessageView(message.author().name(), message.text(), message.writtenAt());
        }
    }

    /** One request with its whole history, the oldest message first; {@code closedBy} is null until it is closed. */
    record RequestView(String id, String customerId, String orderId, String subject, String status, Instant openedAt,
                       Instant updatedAt, String closedBy, List<MessageView> messages) {
        static RequestView of(SupportRequest request) {
            return new RequestView(request.id().toString(), request.customerId().toString(), request.orderId().toString(),
                    request.subject(), request.status().name(), request.openedAt(), request.updatedAt(),
                    request.closedBy() == null ? null : request.closedBy().name(),
                    request.messages().stream().map(MessageView::of).toList());
        }
    }

    record SummaryView(String id, String customerId, String orderId, String subject, String status, Instant openedAt,
                       Instant updatedAt, int messages, String lastAuthor) {
        static SummaryView of(SupportRequestSummary summary) {
            return new SummaryView(summary.id().toString(), summary.customerId().toString(), summary.orderId().toString(),
                    summary.subject(), summary.status().name(), summary.openedAt(), summary.updatedAt(), summary.messages(),
                    summary.lastAuthor().name());
        }
    }
}
