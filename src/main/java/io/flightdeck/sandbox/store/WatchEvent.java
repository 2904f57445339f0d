package io.flightdeck.sandbox.store;

/**
 * One change in the store, in resourceVersion order: ADDED, MODIFIED or DELETED with the object after the change
 * and, for MODIFIED, the one before (so a watch with a selector can turn it into ADDED or DELETED as the apiserver
 * does). Immutable; made under the store's write lock, read by watch writers on any thread.
 */
public record WatchEvent(long resourceVersion, String type, Stored object, Stored previous) {
}
