package dev.bazaar.platform.messaging;

/** CloudEvents 1.0 attributes in Kafka's binary content mode, plus the W3C trace context and baggage. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";
    public static final String BAGGAGE = "baggage";

    private CloudEventHeaders() {
    }
}
