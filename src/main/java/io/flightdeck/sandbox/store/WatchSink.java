package io.flightdeck.sandbox.store;

/**
 * Where a watch delivers its events: the HTTP layer's per-connection writer, or a controller's queue.
 * {@link #offer} is called under the store's write lock and must never block; returning false ends the watch
 * (a watcher too slow to keep up is closed, as the apiserver does). {@link #closed} is called once when the watch ends
 * from the store's side (dropped watches, a slow consumer, or the watch's own close).
 */
public interface WatchSink {

    boolean offer(String type, Stored object);

    void closed(String reason);
}
