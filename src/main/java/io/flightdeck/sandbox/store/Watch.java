package io.flightdeck.sandbox.store;

import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.api.ResourceKind;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open watch: its filter (kind, namespace, label and field selectors) and its sink. Turns store events into what
 * this watcher sees: a MODIFIED object that starts matching becomes ADDED, one that stops matching becomes DELETED.
 * Called under the store's write lock; {@link #close()} from any thread.
 */
public final class Watch {

    private final WatchHub hub;
    private final ResourceKind kind;
    private final String namespace;
    private final LabelSelector labels;
    private final FieldSelector fields;
    private final WatchSink sink;
    private final AtomicBoolean open = new AtomicBoolean(true);

    Watch(WatchHub hub, ResourceKind kind, String namespace, LabelSelector labels, FieldSelector fields,
          WatchSink sink) {
        this.hub = hub;
        this.kind = kind;
        this.namespace = namespace;
        this.labels = labels;
        this.fields = fields;
        this.sink = sink;
    }

    public ResourceKind kind() {
        return kind;
    }

    boolean matches(Stored s) {
        return (namespace == null || namespace.equals(s.namespace())) && labels.matches(s.object())
                && fields.matches(s.object());
    }

    /** Delivers one event; false when the sink refused it and the watch must end. */
    boolean deliver(WatchEvent e) {
        if (!open.get()) {
            return true;
        }
        if (namespace != null && !namespace.equals(e.object().namespace())) {
            return true;
        }
        boolean now = matches(e.object());
        String type = e.type();
        if (type.equals("MODIFIED")) {
            boolean before = e.previous() != null && matches(e.previous());
            if (!now && !before) {
                return true;
            }
            type = now && before ? "MODIFIED" : now ? "ADDED" : "DELETED";
        } else if (!now) {
            return true;
        }
        return sink.offer(type, e.object());
    }

    boolean offerInitial(Stored s) {
        return sink.offer("ADDED", s);
    }

    /** Ends the watch from the server side: the sink is told why, once. */
    void end(String reason) {
        if (open.compareAndSet(true, false)) {
            hub.remove(this);
            sink.closed(reason);
        }
    }

    /** Ends the watch from the client side (the connection went away); the sink is not called back. */
    public void close() {
        if (open.compareAndSet(true, false)) {
            hub.remove(this);
        }
    }

    public boolean isOpen() {
        return open.get();
    }
}
