package dev.bazaar.launcher;

/**
 * A service's /admin API could not be used: the service does not run, does not answer, or answered with an
 * error. The message says which, for the person at the terminal.
 */
public class ServiceUnreachableException extends LauncherException {

    private final String service;

    public ServiceUnreachableException(String service, String message) {
        super(message);
        this.service = service;
    }

    public ServiceUnreachableException(String service, String message, Throwable cause) {
        super(message, cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
