package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.ResourceKind;
import io.flightdeck.sandbox.store.DeleteOptions;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Writes a Service's EndpointSlices and Endpoints to the store: creates what is missing, changes only what differs
 * from the stored object, deletes slices that emptied out. Called on the {@link ServiceController} thread.
 */
final class EndpointsWriter {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointsWriter.class);

    private final ObjectStore store;

    EndpointsWriter(ObjectStore store) {
        this.store = store;
    }

    boolean writeSlices(ServiceEntry svc) {
        boolean any = false;
        for (String name : svc.slices.removedNames()) {
            delete(Kinds.ENDPOINT_SLICE, svc.namespace, name);
            any = true;
        }
        svc.slices.removedNames().clear();
        ObjectNode labels = svc.sliceLabels();
        for (ServiceSlices.Slice slice : svc.slices.slices()) {
            if (!slice.changed) {
                continue;
            }
            slice.changed = false;
            ObjectNode desired = ServiceSlices.render(slice, svc.namespace, svc.name, svc.uid, labels);
            Stored written = upsert(Kinds.ENDPOINT_SLICE, svc.namespace, slice.name, desired, ServiceSlices::same,
                    List.of("addressType", "endpoints", "ports"));
            if (written != null) {
                slice.name = written.name();
                slice.writtenRv = written.resourceVersion();
                any = true;
            }
        }
        return any;
    }

    void writeEndpoints(ServiceEntry svc) {
        ObjectNode desired = EndpointsRenderer.endpoints(svc.namespace, svc.name, svc.endpointsLabels(), svc.slices,
                svc.publishNotReady);
        upsert(Kinds.ENDPOINTS, svc.namespace, svc.name, desired,
                (cur, want) -> cur.path("subsets").equals(want.path("subsets"))
                        && cur.path("metadata").path("labels").equals(want.path("metadata").path("labels"))
                        && cur.path("metadata").path("annotations").equals(want.path("metadata").path("annotations")),
                List.of("subsets"));
    }

    private interface Same {
        boolean test(JsonNode stored, ObjectNode desired);
    }

    /** Creates the object, or changes the stored one where it differs; null when nothing was written. */
    private Stored upsert(ResourceKind kind, String ns, String name, ObjectNode desired, Same same,
                          List<String> fields) {
        try {
            Stored cur = name == null ? null : store.get(kind, ns, name);
            if (cur == null) {
                if (name != null) {
                    Json.metadata(desired).remove("generateName");
                    Json.metadata(desired).put("name", name);
                }
                return store.create(kind, ns, desired, false);
            }
            if (same.test(cur.object(), desired)) {
                return null;
            }
            return store.modify(kind, ns, name, o -> {
                ObjectNode meta = Json.metadata(o);
                ObjectNode want = Json.metadata(desired);
                for (String f : List.of("labels", "annotations", "ownerReferences")) {
                    if (want.has(f)) {
                        meta.set(f, want.get(f));
                    } else {
                        meta.remove(f);
                    }
                }
                for (String f : fields) {
                    if (desired.has(f)) {
                        o.set(f, desired.get(f));
                    } else {
                        o.remove(f);
                    }
                }
                return o;
            }, false, false);
        } catch (ApiException e) {
            LOG.debug("sandbox endpoints: {} {}/{} not written: {}", kind.kind(), ns, name, e.getMessage());
            return null;
        }
    }

    /** A Service went away (or stopped selecting): its slices go, and its Endpoints too when it was deleted. */
    void cleanUp(ServiceEntry svc, boolean deleted) {
        for (ServiceSlices.Slice s : svc.slices.slices()) {
            if (s.name != null) {
                delete(Kinds.ENDPOINT_SLICE, svc.namespace, s.name);
            }
        }
        if (deleted) {
            delete(Kinds.ENDPOINTS, svc.namespace, svc.name);
        }
    }

    private void delete(ResourceKind kind, String ns, String name) {
        try {
            store.delete(kind, ns, name, DeleteOptions.now());
        } catch (ApiException gone) {
            // already gone (garbage collected with its Service, or its namespace)
        }
    }
}
