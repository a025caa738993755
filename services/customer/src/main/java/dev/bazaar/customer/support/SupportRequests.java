package dev.bazaar.customer.support;

import java.util.List;
import java.util.Optional;

import dev.bazaar.customer.profile.CustomerId;

/** Where support requests and their messages are kept. */
public interface SupportRequests {

    Optional<SupportRequest> find(SupportRequestId id);

    /** Finds the request and locks it until the transaction ends, so that messages and closing apply one after the other. */
    Optional<SupportRequest> findForUpdate(SupportRequestId id);

    /** The request a customer opened with this Idempotency-Key. */
    Optional<SupportRequest> findByIdempotencyKey(CustomerId customerId, String idempotencyKey);

    /** Keeps a new request with its first message, and the Idempotency-Key it was opened with (null: none). */
    void add(SupportRequest request, String idempotencyKey);

    /** Keeps the request's state and the message just written, which is the last of its history. */
    void addMessage(SupportRequest request, SupportMessage message);

    /** Keeps the request's state (status, who closed it, when it changed). */
    void update(SupportRequest request);

    /** One customer's requests, the most recently changed first. */
    List<SupportRequestSummary> ofCustomer(CustomerId customerId, long offset, int limit);

    long countOfCustomer(CustomerId customerId);

    /** Every customer's requests, optionally of one status, the one waiting longest first. */
    List<SupportRequestSummary> all(Optional<SupportStatus> status, long offset, int limit);

    long count(Optional<SupportStatus> status);
}
