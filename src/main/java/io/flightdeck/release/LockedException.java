package io.flightdeck.release;

/**
 * Another engine holds the release target's lock. {@code expired} says that its Lease has run out, so the caller may
 * take over by confirming.
 */
public final class LockedException extends RuntimeException {

    private final transient ReleaseLock.Holder holder;
    private final boolean expired;

    public LockedException(ReleaseLock.Holder holder, boolean expired) {
        super(expired
                ? "the release is locked by " + holder.identity() + ", whose lock expired at " + holder.expiresAt()
                + "; confirm a takeover to drive it"
                : "the release is driven by " + holder.identity() + " (lock held until " + holder.expiresAt() + ")");
        this.holder = holder;
        this.expired = expired;
    }

    public ReleaseLock.Holder holder() {
        return holder;
    }

    public boolean expired() {
        return expired;
    }
}
