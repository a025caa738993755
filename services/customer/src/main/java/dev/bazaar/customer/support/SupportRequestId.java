package dev.bazaar.customer.support;

import java.util.Objects;
import java.util.UUID;

public record SupportRequestId(UUID value) {

    public SupportRequestId {
        Objects.requireNonNull(value, "support request id");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
