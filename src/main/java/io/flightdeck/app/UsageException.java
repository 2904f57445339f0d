package io.flightdeck.app;

/** A command line that cannot be run as written; {@link Launcher} prints the message and exits with code 2. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
