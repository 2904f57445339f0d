package io.flightdeck.sandbox.store;

import io.flightdeck.sandbox.api.ResourceKind;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which objects name which owner uid in their ownerReferences, so that garbage collection finds dependents without
 * scanning. Changed only under the store's write lock.
 */
final class OwnerIndex {

    private record Ref(ResourceKind kind, String namespace, String name) {
    }

    private final Map<String, Set<Ref>> byOwner = new HashMap<>();

    void update(Stored old, Stored now) {
        if (old != null) {
            removeOwned(old);
        }
        for (String uid : ownerUids(now.object())) {
            byOwner.computeIfAbsent(uid, k -> new LinkedHashSet<>()).add(ref(now));
        }
    }

    void removeOwned(Stored s) {
        for (String uid : ownerUids(s.object())) {
            Set<Ref> refs = byOwner.get(uid);
            if (refs != null) {
                refs.remove(ref(s));
                if (refs.isEmpty()) {
                    byOwner.remove(uid);
                }
            }
        }
    }

    List<Stored> dependents(String ownerUid, ObjectStore store) {
        Set<Ref> refs = byOwner.get(ownerUid);
        List<Stored> out = new ArrayList<>();
        if (refs != null) {
            for (Ref r : List.copyOf(refs)) {
                Stored s = store.get(r.kind(), r.namespace(), r.name());
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    void forgetOwner(String uid) {
        byOwner.remove(uid);
    }

    private static Ref ref(Stored s) {
        return new Ref(s.kind(), s.namespace(), s.name());
    }

    private static List<String> ownerUids(JsonNode object) {
        JsonNode refs = object.path("metadata").path("ownerReferences");
        if (refs.isEmpty()) {
            return List.of();
        }
        List<String> uids = new ArrayList<>(refs.size());
        for (JsonNode r : refs) {
            uids.add(r.path("uid").asString());
        }
        return uids;
    }
}
