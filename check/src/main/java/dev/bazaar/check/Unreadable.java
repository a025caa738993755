package dev.bazaar.check;

/**
 * A part of the repository the check cannot read: a build file that is not what it claims to be, a file or folder it may
 * not open. Its message names the file and why, for the person who asked for the check; it is not a fault of the check.
 */
public class Unreadable extends RuntimeException {

    Unreadable(String what, Exception cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
