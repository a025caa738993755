package dev.bazaar.platform.tracing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A span's context as W3C headers, to be stored and continued later or elsewhere: {@code traceparent} and
 * {@code baggage} (which carries the correlation field). Either may be null; both null is no trace.
 */
public record TraceContext(String traceparent, String baggage) {

    public static final String TRACEPARENT = "traceparent";
    public static final String BAGGAGE = "baggage";
    public static final TraceContext NONE = new TraceContext(null, null);

    public boolean isEmpty() {
        return traceparent == null;
    }

    /** The context stored with a row of work due, in its {@code traceparent} and {@code baggage} columns. */
    public static TraceContext of(ResultSet row) throws SQLException {
        return new TraceContext(row.getString(TRACEPARENT), row.getString(BAGGAGE));
    }

    static TraceContext of(Map<String, String> headers) {
        return new TraceContext(headers.get(TRACEPARENT), headers.get(BAGGAGE));
    }

    Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        if (traceparent != null) {
            headers.put(TRACEPARENT, traceparent);
        }
        if (baggage != null) {
            headers.put(BAGGAGE, baggage);
        }
        return headers;
    }
}
