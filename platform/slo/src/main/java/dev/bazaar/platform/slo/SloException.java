package dev.bazaar.platform.slo;

/** slos.yaml cannot be read, or declares something impossible; the message names the objective and the field. */
public class SloException extends RuntimeException {

    public SloException(String message) {
        super(message);
    }

    public SloException(String message, Throwable cause) {
        super(message, cause);
    }
}
