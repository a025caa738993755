package dev.bazaar.launcher;

/**
 * A failure the launcher explains in its message, written for the person at the terminal: what went
 * wrong and what to do about it.
 */
public class LauncherException extends RuntimeException {

    public LauncherException(String message) {
        super(message);
    }

    public LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
