package dev.bazaar.platform.topology;

/** topology.yaml cannot be read, or declares something impossible; the message says what and where. */
public class TopologyException extends RuntimeException {

    public TopologyException(String message) {
        super(message);
    }

    public TopologyException(String message, Throwable cause) {
        super(message, cause);
    }
}
