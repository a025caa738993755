package dev.bazaar.customer.support.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.profile.Customers;
import dev.bazaar.customer.profile.application.CustomerRegistry.UnknownCustomer;
import dev.bazaar.customer.support.Author;
import dev.bazaar.customer.support.SupportMessage;
import dev.bazaar.customer.support.SupportRequest;
import dev.bazaar.customer.support.SupportRequestId;
import dev.bazaar.customer.support.SupportRequestSummary;
import dev.bazaar.customer.support.SupportRequests;
import dev.bazaar.customer.support.SupportStatus;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Support requests: a shopper opens one about an order, either side writes, either side closes; staff see every
 * request. Support is customer's own business: nothing is published. Who may act on which request the web adapter
 * decides; here a request is always looked up under its customer, so that one customer's id never reaches another's.
 */
@Service
public class SupportDesk {

    private final SupportRequests requests;
    private final Customers customers;
    private final Clock clock;

    public SupportDesk(SupportRequests requests, Customers customers, Clock clock) {
        this.requests = requests;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * @param idempotencyKey null, or the key of a request a client may send again: the request it opened first is
     *                       answered instead of a second one
     * @throws IdempotencyKeyReused when the key opened a different request
     */
    @Transactional
    public SupportRequest open(CustomerId customerId, UUID orderId, String subject, String message, String idempotencyKey) {
        // Locked: two requests with one Idempotency-Key, sent at once, open one request.
        customers.findForUpdate(customerId).orElseThrow(() -> new UnknownCustomer(customerId));
        SupportRequest opened = SupportRequest.open(new SupportRequestId(UUID.randomUUID()), customerId, orderId, subject, message, now());
        if (idempotencyKey != null) {
            Optional<SupportRequest> first = requests.findByIdempotencyKey(customerId, idempotencyKey);
            if (first.isPresent()) {
                if (!sameRequest(first.get(), opened)) {
                    throw new IdempotencyKeyReused();
                }
                return first.get();
            }
        }
        requests.add(opened, idempotencyKey);
        return opened;
    }

    /** @throws UnknownSupportRequest when the customer has no request of this id */
    @Transactional(readOnly = true)
    public SupportRequest find(CustomerId customerId, SupportRequestId id) {
        return requests.find(id).filter(request -> request.customerId().equals(customerId))
                .orElseThrow(() -> new UnknownSupportRequest(id.toString()));
    }

    /** @throws SupportRequest.Closed when the request is closed */
    @Transactional
    public SupportRequest write(CustomerId customerId, SupportRequestId id, Author author, String text) {
        SupportRequest request = locked(customerId, id);
        SupportMessage message = request.write(author, text, now());
        requests.addMessage(request, message);
        return request;
    }

    /** Closing a closed request again (a retried POST) answers it as it is. */
    @Transactional
    public SupportRequest close(CustomerId customerId, SupportRequestId id, Author by) {
        SupportRequest request = locked(customerId, id);
        if (request.status() != SupportStatus.CLOSED) {
            request.close(by, now());
            requests.update(request);
        }
        return request;
    }

    @Transactional(readOnly = true)
    public Page<SupportRequestSummary> of(CustomerId customerId, PageRequest page) {
        return Page.of(requests.ofCustomer(customerId, page.offset(), page.size()), page, requests.countOfCustomer(customerId));
    }

    /** For staff: every customer's requests, optionally of one status, the one waiting longest first. */
    @Transactional(readOnly = true)
    public Page<SupportRequestSummary> all(Optional<SupportStatus> status, PageRequest page) {
        return Page.of(requests.all(status, page.offset(), page.size()), page, requests.count(status));
    }

    private SupportRequest locked(CustomerId customerId, SupportRequestId id) {
        return requests.findForUpdate(id).filter(request -> request.customerId().equals(customerId))
                .orElseThrow(() -> new UnknownSupportRequest(id.toString()));
    }

    private static boolean sameRequest(SupportRequest first, SupportRequest again) {
        return first.orderId().equals(again.orderId()) && first.subject().equals(again.subject())
                && first.messages().get(0).text().equals(again.messages().get(0).text());
    }

    /** To PostgreSQL's precision, so that a time read back is the one answered. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public static class UnknownSupportRequest extends RuntimeException {
        public UnknownSupportRequest(String id) {
            super("No support request has id " + id);
        }
    }

    public static class IdempotencyKeyReused extends RuntimeException {
        public IdempotencyKeyReused() {
            super("This Idempotency-Key was already used to open a different support request (another order, subject or message)");
        }
    }
}
