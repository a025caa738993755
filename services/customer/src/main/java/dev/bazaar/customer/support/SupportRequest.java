package dev.bazaar.customer.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.bazaar.customer.profile.CustomerId;

/**
 * A shopper's request for help about one of their orders, and its history of messages. The order id is the shopper's
 * claim: customer cannot ask ordering (no synchronous calls between services) and keeps no replica of orders, so it is
 * kept and shown as the shopper gave it.
 *
 * <p>OPEN → ANSWERED when staff reply → OPEN when the shopper writes again → ... → CLOSED, by either side. A closed
 * request takes no message and cannot be reopened: the shopper opens a new one. A request holds at most
 * {@value #MAX_MESSAGES} messages, so that reading one stays bounded.
 */
public final class SupportRequest {

    public static final int SUBJECT_MAX_LENGTH = 120;
    public static final int MAX_MESSAGES = 100;

    private final SupportRequestId id;
    private final CustomerId customerId;
    private final UUID orderId;
    private final String subject;
    private final Instant openedAt;
    private final List<SupportMessage> messages;
    private SupportStatus status;
    private Instant updatedAt;
    private Author closedBy;

    private SupportRequest(SupportRequestId id, CustomerId customerId, UUID orderId, String subject, SupportStatus status,
                           Instant openedAt, Instant updatedAt, Author closedBy, List<SupportMessage> messages) {
        this.id = Objects.requireNonNull(id, "id");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.subject = Texts.require(subject, "subject", SUBJECT_MAX_LENGTH, false);
        this.status = Objects.requireNonNull(status, "status");
        this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.closedBy = closedBy;
        this.messages = new ArrayList<>(messages);
        if (this.messages.isEmpty()) {
            throw new IllegalArgumentException("A support request starts with the shopper's message");
        }
    }

    /** The shopper asks for help about an order: the request is OPEN, its history their first message. */
    public static SupportRequest open(SupportRequestId id, CustomerId customerId, UUID orderId, String subject, String message,
                                      Instant now) {
        if (orderId == null) {
            throw new IllegalArgumentException("orderId must name the order the request is about");
        }
        return new SupportRequest(id, customerId, orderId, subject, SupportStatus.OPEN, now, now, null,
                List.of(new SupportMessage(Author.SHOPPER, message, now)));
    }

    /** A request as it was stored. */
    public static SupportRequest restore(SupportRequestId id, CustomerId customerId, UUID orderId, String subject, SupportStatus status,
                                         Instant openedAt, Instant updatedAt, Author closedBy, List<SupportMessage> messages) {
        return new SupportRequest(id, customerId, orderId, subject, status, openedAt, updatedAt, closedBy, messages);
    }

    /**
     * Adds a message to the history: staff's answers the request, the shopper's reopens it for staff.
     *
     * @return the message as kept
     * @throws Closed when the request is closed
     * @throws Full   when it holds {@value #MAX_MESSAGES} messages already
     */
    public SupportMessage write(Author author, String text, Instant now) {
        requireNotClosed("take a message");
        if (messages.size() >= MAX_MESSAGES) {
            throw new Full(id);
        }
        SupportMessage message = new SupportMessage(author, text, now);
        messages.add(message);
        status = author == Author.STAFF ? SupportStatus.ANSWERED : SupportStatus.OPEN;
        updatedAt = now;
        return message;
    }

    /** @throws Closed when the request is closed already */
    public void close(Author by, Instant now) {
        requireNotClosed("be closed");
        status = SupportStatus.CLOSED;
        closedBy = Objects.requireNonNull(by, "by");
        updatedAt = now;
    }

    private void requireNotClosed(String action) {
        if (status == SupportStatus.CLOSED) {
            throw new Closed(id, action);
        }
    }

    public SupportRequestId id() {
        return id;
    }

    public CustomerId customerId() {
        return customerId;
    }

    /** The order the shopper says the request is about: their claim, not checked against ordering. */
    public UUID orderId() {
        return orderId;
    }

    public String subject() {
        return subject;
    }

    public SupportStatus status() {
        return status;
    }

    public Instant openedAt() {
        return openedAt;
    }

    /** When the last message was written or the request closed. */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** Who closed it; null while it is not closed. */
    public Author closedBy() {
        return closedBy;
    }

    /** The history, the oldest message first. */
    public List<SupportMessage> messages() {
        return List.copyOf(messages);
    }

    /** A closed request takes nothing more. */
    public static final class Closed extends IllegalStateException {
        public Closed(SupportRequestId id, String action) {
            super("Support request " + id + " is closed and cannot " + action + "; open a new one");
        }
    }

    /** The history has reached its bound. */
    public static final class Full extends IllegalStateException {
        public Full(SupportRequestId id) {
            super("Support request " + id + " holds " + MAX_MESSAGES + " messages already; open a new one");
        }
    }
}
