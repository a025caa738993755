package dev.bazaar.customer.support;

import java.time.Instant;
import java.util.Objects;

/**
 * One message of a request's history: plain text of 1 to {@value #MAX_LENGTH} characters once trimmed; line breaks
 * and tabs are kept, other control characters refused.
 */
public record SupportMessage(Author author, String text, Instant writtenAt) {

    public static final int MAX_LENGTH = 2000;

    public SupportMessage {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(writtenAt, "writtenAt");
        text = Texts.require(text, "message", MAX_LENGTH, true);
    }
}
