package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which objects a controlling owner of one kind has, by the owner's uid, kept from a watch: ReplicaSets by Deployment,
 * pods by ReplicaSet. Fed by a watch sink under the store lock (so it is never behind the store a controller reads),
 * read by the controller's thread. A sync then touches only its own objects, whatever their total number.
 */
final class DependentsIndex {

    /** A controlling owner reference: the owner's uid and name. */
    record Owner(String uid, String name) {
    }

    private final String ownerKind;
    private final Map<String, Set<String>> byOwner = new ConcurrentHashMap<>();
    private final Map<String, Owner> ownerOf = new ConcurrentHashMap<>();

    DependentsIndex(String ownerKind) {
        this.ownerKind = ownerKind;
    }

    /**
     * Applies a watch event. Returns the object's previous owner when the event changed it (or removed the object),
     * else null.
     */
    Owner apply(String type, Stored s) {
        String key = s.namespace() + "/" + s.name();
        Owner now = type.equals("DELETED") ? null : controllerOf(s.object(), ownerKind);
        Owner before = now == null ? ownerOf.remove(key) : ownerOf.put(key, now);
        if (Objects.equals(before, now)) {
            return null;
        }
        if (before != null) {
            Set<String> names = byOwner.get(before.uid());
            if (names != null) {
                names.remove(s.name());
                if (names.isEmpty()) {
                    byOwner.remove(before.uid());
                }
            }
        }
        if (now != null) {
            byOwner.computeIfAbsent(now.uid(), k -> ConcurrentHashMap.newKeySet()).add(s.name());
        }
        return before;
    }

    /** Names (in the owner's namespace) of the objects the owner controls; a live view, copy before iterating long. */
    Set<String> dependents(String ownerUid) {
        Set<String> names = byOwner.get(ownerUid);
        return names == null ? Set.of() : names;
    }

    void clear() {
        byOwner.clear();
        ownerOf.clear();
    }

    /** The owner reference with controller=true of the given kind, or null. */
    static Owner controllerOf(JsonNode object, String kind) {
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return kind.equals(ref.path("kind").asString())
                        ? new Owner(ref.path("uid").asString(), ref.path("name").asString()) : null;
            }
        }
        return null;
    }
}
