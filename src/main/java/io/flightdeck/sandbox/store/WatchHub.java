package io.flightdeck.sandbox.store;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.ResourceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The store's change history and its open watches. Keeps the last {@code capacity} events in a ring so that a watch
 * can resume from a resourceVersion; older versions get 410 Gone, as from an apiserver whose watch cache moved on.
 * {@link #publish} and {@link #subscribe} run under the store's write lock, so every watcher sees events in order.
 */
public final class WatchHub {

    private final WatchEvent[] ring;
    private int next;
    private int size;
    /** Watches may start from any resourceVersion >= this one; older ones are gone. */
    private long oldestResumable;
    private volatile long lastPublished;
    private final Map<ResourceKind, CopyOnWriteArrayList<Watch>> watches = new ConcurrentHashMap<>();

    WatchHub(int capacity) {
        this.ring = new WatchEvent[capacity];
    }

    void publish(WatchEvent e) {
        ring[next] = e;
        next = (next + 1) % ring.length;
        if (size < ring.length) {
            size++;
        } else {
            oldestResumable = ring[next].resourceVersion() - 1;
        }
        List<Watch> ws = watches.get(e.object().kind());
        if (ws != null) {
            for (Watch w : ws) {
                if (!w.deliver(e)) {
                    w.end("watcher too slow: its buffer is full");
                }
            }
        }
        lastPublished = e.resourceVersion();
    }

    /** The resourceVersion of the last event handed to every watcher; a bookmark may carry it. */
    public long lastPublished() {
        return lastPublished;
    }

    /**
     * Opens a watch. With {@code fromVersion} &lt;= 0 the caller has already sent the current state; otherwise every
     * retained event after that version is replayed first. Throws 410 when that version is no longer retained.
     */
    Watch subscribe(Watch w, long fromVersion, long currentVersion) {
        if (fromVersion > 0) {
            if (fromVersion < oldestResumable) {
                throw ApiException.gone("too old resource version: " + fromVersion + " (" + currentVersion + ")");
            }
            for (WatchEvent e : retainedAfter(fromVersion)) {
                if (e.object().kind() == w.kind() && !w.deliver(e)) {
                    throw new ApiException(500, "InternalError", "watch buffer overflow during replay");
                }
            }
        }
        watches.computeIfAbsent(w.kind(), k -> new CopyOnWriteArrayList<>()).add(w);
        return w;
    }

    private List<WatchEvent> retainedAfter(long version) {
        List<WatchEvent> out = new ArrayList<>();
        int start = (next - size + ring.length) % ring.length;
        for (int i = 0; i < size; i++) {
            WatchEvent e = ring[(start + i) % ring.length];
            if (e.resourceVersion() > version) {
                out.add(e);
            }
        }
        return out;
    }

    void remove(Watch w) {
        List<Watch> ws = watches.get(w.kind());
        if (ws != null) {
            ws.remove(w);
        }
    }

    /**
     * Fault injection: forget the history, as if compaction had passed the current version, so that any resume from
     * a version seen so far gets 410 and clients relist.
     */
    void expireHistory(long currentVersion) {
        java.util.Arrays.fill(ring, null);
        size = 0;
        next = 0;
        oldestResumable = currentVersion + 1;
    }

    /** Fault injection: end every open watch, as when an apiserver restarts or a load balancer drops connections. */
    void dropAll() {
        for (List<Watch> ws : watches.values()) {
            for (Watch w : ws) {
                w.end("watch dropped by fault injection");
            }
        }
    }

    public int openWatches() {
        return watches.values().stream().mapToInt(List::size).sum();
    }
}
