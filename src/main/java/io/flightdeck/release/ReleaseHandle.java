package io.flightdeck.release;

import io.flightdeck.model.ReleaseSnapshot;

import java.util.concurrent.CompletableFuture;

/**
 * One release as an engine drives or watches it. {@link #snapshot} is thread-safe and cheap; listeners are told of
 * every change on the engine's thread. Commands may be called from any thread: they are queued and applied by the
 * engine on its next tick. On a read-only view (another engine drives) every command throws
 * {@link NotDriverException} naming the driver.
 */
public interface ReleaseHandle extends AutoCloseable {

    String id();

    ReleaseSnapshot snapshot();

    /** Whether this handle drives the release (holds the lock). */
    boolean driving();

    void addListener(ReleaseListener listener);

    void removeListener(ReleaseListener listener);

    /** Completes the current pause or analysis (for blue/green's scale-down delay too). */
    void promote();

    /** Skips every remaining pause, analysis and weight and finishes the release. */
    void promoteFull();

    /** Holds the release where it is (a rolling release also pauses the Deployment). */
    void pause();

    /** Goes on after a pause by the operator or after an error (the failed step runs again). */
    void resume();

    /** Puts everything back as it was before the release. */
    void abort();

    /**
     * Completes with the last snapshot when the release has finished (succeeded or aborted) or when this handle
     * stopped (closed, lock lost, halted).
     */
    CompletableFuture<ReleaseSnapshot> finished();

    /** Stops driving or watching; a release not finished stays in flight in its journal, for any engine to resume. */
    @Override
    void close();
}
