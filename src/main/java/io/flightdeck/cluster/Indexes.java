package io.flightdeck.cluster;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds to and removes from the sets of a concurrent one-to-many index atomically per key, so that a set emptied and
 * dropped by one thread is never written to by another. Stateless; any thread.
 */
final class Indexes {

    private Indexes() {
    }

    static void add(Map<String, Set<String>> index, String key, String value) {
        if (key == null || value == null) {
            return;
        }
        index.compute(key, (k, set) -> {
            Set<String> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(value);
            return s;
        });
    }

    static void remove(Map<String, Set<String>> index, String key, String value) {
        if (key == null || value == null) {
            return;
        }
        index.computeIfPresent(key, (k, set) -> {
            set.remove(value);
            return set.isEmpty() ? null : set;
        });
    }
}
