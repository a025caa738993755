package dev.bazaar.customer.support;

import java.time.Instant;
import java.util.UUID;

import dev.bazaar.customer.profile.CustomerId;

/** A request as lists show it: without its history, with how many messages it holds and who wrote the last. */
public record SupportRequestSummary(SupportRequestId id, CustomerId customerId, UUID orderId, String subject, SupportStatus status,
                                    Instant openedAt, Instant updatedAt, int messages, Author lastAuthor) {
}
