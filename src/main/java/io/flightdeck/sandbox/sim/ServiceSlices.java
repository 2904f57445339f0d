package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The EndpointSlices of one Service as the endpointslice controller keeps them: endpoints grouped by their resolved
 * ports, at most 100 to a slice, an endpoint staying in its slice while it exists (so one pod's change rewrites one
 * slice), new ones filling slices with room, empty slices dropped except one placeholder. Confined to the
 * {@link ServiceController} thread.
 */
final class ServiceSlices {

    static final int MAX_ENDPOINTS = 100;

    /** One slice: its stored name (null until created), ports, endpoints by pod name, and whether it changed. */
    static final class Slice {
        String name;
        final String portsKey;
        final ArrayNode ports;
        final LinkedHashMap<String, ObjectNode> endpoints = new LinkedHashMap<>();
        boolean changed = true;
        long writtenRv;

        Slice(String name, String portsKey, ArrayNode ports) {
            this.name = name;
            this.portsKey = portsKey;
            this.ports = ports;
        }
    }

    private final List<Slice> slices = new ArrayList<>();
    private final Map<String, Slice> byPod = new HashMap<>();
    private final List<String> removed = new ArrayList<>();

    List<Slice> slices() {
        return slices;
    }

    /** Slices that emptied out and must be deleted from the store (named ones only); cleared by the caller. */
    List<String> removedNames() {
        return removed;
    }

    boolean contains(String pod) {
        return byPod.containsKey(pod);
    }

    Set<String> pods() {
        return byPod.keySet();
    }

    /** Takes an existing stored slice as it is (the controller restarted); its endpoints are keyed by targetRef. */
    void adopt(String name, ArrayNode ports, JsonNode endpoints) {
        Slice s = new Slice(name, ports.toString(), ports);
        for (JsonNode e : endpoints) {
            String pod = e.path("targetRef").path("name").asString("");
            if (!pod.isEmpty() && !byPod.containsKey(pod) && e instanceof ObjectNode o) {
                s.endpoints.put(pod, o.deepCopy());
                byPod.put(pod, s);
            }
        }
        slices.add(s);
    }

    /** Adds or updates the endpoint of a pod; a change of its ports moves it to a slice with those ports. */
    void put(String pod, ArrayNode ports, ObjectNode endpoint) {
        String key = ports.toString();
        Slice s = byPod.get(pod);
        if (s != null && s.portsKey.equals(key)) {
            if (!endpoint.equals(s.endpoints.get(pod))) {
                s.endpoints.put(pod, endpoint);
                s.changed = true;
            }
            return;
        }
        if (s != null) {
            remove(pod);
        }
        Slice target = null;
        for (Slice c : slices) {
            if (c.portsKey.equals(key) && c.endpoints.size() < MAX_ENDPOINTS) {
                target = c;
                break;
            }
        }
        if (target == null) {
            target = placeholderFor(key, ports);
        }
        target.endpoints.put(pod, endpoint);
        target.changed = true;
        byPod.put(pod, target);
    }

    void remove(String pod) {
        Slice s = byPod.remove(pod);
        if (s != null) {
            s.endpoints.remove(pod);
            s.changed = true;
        }
    }

    /** Marks every slice changed, so that each is compared with the store again (after an outside change). */
    void touchAll() {
        for (Slice s : slices) {
            s.changed = true;
        }
    }

    /** Forgets a slice deleted from the store by someone else; its endpoints are placed again by a full sync. */
    void forget(String name) {
        slices.removeIf(s -> {
            if (name.equals(s.name)) {
                s.endpoints.keySet().forEach(byPod::remove);
                return true;
            }
            return false;
        });
    }

    /** Drops empty slices, keeping one (the placeholder, without ports, a Service without endpoints has). */
    void compact() {
        if (byPod.isEmpty()) {
            Slice first = slices.isEmpty() ? null : slices.get(0);
            for (int i = 1; i < slices.size(); i++) {
                if (slices.get(i).name != null) {
                    removed.add(slices.get(i).name);
                }
            }
            slices.clear();
            slices.add(new Slice(first == null ? null : first.name, "null", null));
            return;
        }
        slices.removeIf(sl -> {
            if (sl.endpoints.isEmpty()) {
                if (sl.name != null) {
                    removed.add(sl.name);
                }
                return true;
            }
            return false;
        });
    }

    private Slice placeholderFor(String key, ArrayNode ports) {
        for (int i = 0; i < slices.size(); i++) {
            Slice s = slices.get(i);
            if (s.ports == null && s.endpoints.isEmpty()) {
                Slice reused = new Slice(s.name, key, ports);
                slices.set(i, reused);
                return reused;
            }
        }
        Slice s = new Slice(null, key, ports);
        slices.add(s);
        return s;
    }

    /** The slice as the store should hold it, apart from the metadata the store adds. */
    static ObjectNode render(Slice s, String namespace, String service, String serviceUid, JsonNode labels) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "discovery.k8s.io/v1");
        o.put("kind", "EndpointSlice");
        ObjectNode meta = o.putObject("metadata");
        if (s.name == null) {
            meta.put("generateName", service + "-");
        } else {
            meta.put("name", s.name);
        }
        meta.put("namespace", namespace);
        meta.set("labels", labels);
        ObjectNode owner = meta.putArray("ownerReferences").addObject();
        owner.put("apiVersion", "v1");
        owner.put("kind", "Service");
        owner.put("name", service);
        owner.put("uid", serviceUid);
        owner.put("controller", true);
        owner.put("blockOwnerDeletion", true);
        o.put("addressType", "IPv4");
        if (s.endpoints.isEmpty()) {
            o.putNull("endpoints");
        } else {
            ArrayNode eps = o.putArray("endpoints");
            s.endpoints.values().forEach(eps::add);
        }
        if (s.ports == null) {
            o.putNull("ports");
        } else {
            o.set("ports", s.ports);
        }
        return o;
    }

    /** Whether a stored slice already says what {@code desired} says. */
    static boolean same(JsonNode stored, ObjectNode desired) {
        return stored.path("endpoints").equals(desired.path("endpoints"))
                && stored.path("ports").equals(desired.path("ports"))
                && stored.path("addressType").equals(desired.path("addressType"))
                && stored.path("metadata").path("labels").equals(desired.path("metadata").path("labels"))
                && stored.path("metadata").path("ownerReferences")
                        .equals(desired.path("metadata").path("ownerReferences"));
    }

    /** For the v1 Endpoints object: every endpoint with the ports of its slice, in slice order. */
    void forEachEndpoint(BiConsumer<ObjectNode, Slice> action) {
        for (Slice sl : slices) {
            if (sl.ports != null) {
                for (ObjectNode e : sl.endpoints.values()) {
                    action.accept(e, sl);
                }
            }
        }
    }
}
