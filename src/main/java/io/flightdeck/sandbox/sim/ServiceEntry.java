package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Set;

/**
 * One Service as the endpoint controllers see it: the fields that matter, the pods it selects, the pods changed since
 * its last sync, and its slices. Confined to the {@link ServiceController} thread.
 */
final class ServiceEntry {

    final String namespace;
    final String name;
    final String uid;
    JsonNode selector;
    JsonNode ports;
    JsonNode labels;
    boolean headless;
    boolean publishNotReady;
    boolean managed;
    final Set<String> members = new HashSet<>();
    final Set<String> dirtyPods = new HashSet<>();
    boolean full = true;
    ServiceSlices slices = new ServiceSlices();

    ServiceEntry(Stored s) {
        this.namespace = s.namespace();
        this.name = s.name();
        this.uid = s.uid();
    }

    /** Takes the fields that matter from a new version; false when none changed. */
    boolean update(Stored s) {
        JsonNode spec = s.object().path("spec");
        JsonNode sel = spec.path("selector");
        JsonNode lab = s.object().path("metadata").path("labels");
        boolean hl = "None".equals(spec.path("clusterIP").asString());
        boolean pnr = spec.path("publishNotReadyAddresses").asBoolean(false);
        boolean mg = sel.isObject() && !sel.isEmpty() && !"ExternalName".equals(spec.path("type").asString());
        boolean changed = !sel.equals(selector) || !spec.path("ports").equals(ports) || !lab.equals(labels)
                || hl != headless || pnr != publishNotReady || mg != managed;
        selector = sel;
        ports = spec.path("ports");
        labels = lab;
        headless = hl;
        publishNotReady = pnr;
        managed = mg;
        return changed;
    }

    boolean selects(JsonNode podLabels) {
        return managed && LabelSelector.matchesMap(selector, podLabels);
    }

    ObjectNode endpointsLabels() {
        ObjectNode l = labels.isObject() ? ((ObjectNode) labels).deepCopy() : Json.object();
        if (headless) {
            l.put(ServiceController.HEADLESS, "");
        }
        return l;
    }

    ObjectNode sliceLabels() {
        ObjectNode l = endpointsLabels();
        l.put(ServiceController.SERVICE_NAME, name);
        l.put(ServiceController.MANAGED_BY, ServiceController.CONTROLLER_NAME);
        return l;
    }
}
