package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.DeleteOptions;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes core/v1 Events about objects the way Kubernetes components do: repeated events (same object, reason and
 * message) are aggregated into one with a growing count, and each namespace keeps at most {@code perNamespace}
 * events, oldest deleted first (the apiserver's TTL, by count). Called from controller threads; synchronized.
 */
public final class EventRecorder {

    private final ObjectStore store;
    private final SandboxClock clock;
    private final int perNamespace;
    private final Map<String, String> aggregated = new HashMap<>();
    private final Map<String, String> aggregationKeyByName = new HashMap<>();
    private final Map<String, Deque<String>> byNamespace = new HashMap<>();

    public EventRecorder(ObjectStore store, SandboxClock clock, int perNamespace) {
        this.store = store;
        this.clock = clock;
        this.perNamespace = perNamespace;
    }

    public void normal(Stored about, String component, String reason, String message) {
        record(about, null, component, "Normal", reason, message);
    }

    public void warning(Stored about, String component, String reason, String message) {
        record(about, null, component, "Warning", reason, message);
    }

    /**
     * Records an event; {@code fieldPath} names a container as the kubelet does ("spec.containers{app}") or is null.
     */
    public synchronized void record(Stored about, String fieldPath, String component, String type, String reason,
                                    String message) {
        String ns = about.namespace().isEmpty() ? "default" : about.namespace();
        String aggKey = about.uid() + "|" + reason + "|" + message + "|" + fieldPath;
        String now = Json.time(clock.now());
        String existing = aggregated.get(aggKey);
        if (existing != null && store.get(Kinds.EVENT, ns, existing) != null) {
            try {
                store.modify(Kinds.EVENT, ns, existing, e -> {
                    e.put("count", e.path("count").asInt(1) + 1);
                    e.put("lastTimestamp", now);
                    Json.metadata(e).remove("resourceVersion");
                    return e;
                }, false, false);
                return;
            } catch (ApiException gone) {
                aggregated.remove(aggKey);
                aggregationKeyByName.remove(existing);
            }
        }
        ObjectNode ev = Json.object();
        ev.put("apiVersion", "v1");
        ev.put("kind", "Event");
        String name = about.name() + "." + Long.toHexString(System.nanoTime() * 1000 + (System.nanoTime() & 0xff));
        Json.metadata(ev).put("name", name).put("namespace", ns);
        ObjectNode inv = ev.putObject("involvedObject");
        inv.put("kind", about.kind().kind());
        inv.put("namespace", about.namespace());
        inv.put("name", about.name());
        inv.put("uid", about.uid());
        inv.put("apiVersion", about.kind().apiVersion());
        inv.put("resourceVersion", Long.toString(about.resourceVersion()));
        if (fieldPath != null) {
            inv.put("fieldPath", fieldPath);
        }
        ev.put("reason", reason);
        ev.put("message", message);
        ev.put("type", type);
        ev.putObject("source").put("component", component);
        ev.put("firstTimestamp", now);
        ev.put("lastTimestamp", now);
        ev.put("count", 1);
        ev.put("reportingComponent", component);
        ev.put("reportingInstance", "");
        try {
            store.create(Kinds.EVENT, ns, ev, false);
        } catch (ApiException e) {
            return;
        }
        aggregated.put(aggKey, name);
        aggregationKeyByName.put(name, aggKey);
        Deque<String> names = byNamespace.computeIfAbsent(ns, k -> new ArrayDeque<>());
        names.addLast(name);
        while (names.size() > perNamespace) {
            String old = names.removeFirst();
            String oldKey = aggregationKeyByName.remove(old);
            if (oldKey != null) {
                aggregated.remove(oldKey, old);
            }
            try {
                store.delete(Kinds.EVENT, ns, old, DeleteOptions.now());
            } catch (ApiException gone) {
                // already deleted by someone else: nothing to trim
            }
        }
    }
}
