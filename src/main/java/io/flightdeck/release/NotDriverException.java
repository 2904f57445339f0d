package io.flightdeck.release;

/** A command on a read-only view of a release: another engine drives it. */
public final class NotDriverException extends RuntimeException {

    public NotDriverException(String message) {
        super(message);
    }
}
