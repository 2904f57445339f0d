package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the endpoint controllers make of a pod and a Service: the pod's ports for the Service (named targetPorts
 * resolved against the pod's containers), its EndpointSlice endpoint with ready/serving/terminating as the
 * endpointslice controller computes them, and the v1 Endpoints object (ready and not-ready addresses, terminating pods
 * left out, at most 1000 addresses). Stateless; called on the {@link ServiceController} thread.
 */
final class EndpointsRenderer {

    static final int MAX_ENDPOINTS_ADDRESSES = 1000;

    /** What the controllers need of a pod; equal views give equal endpoints (labels aside). */
    record PodView(String uid, JsonNode labels, String ip, boolean ready, boolean terminating, String phase,
                   String node, Map<String, Integer> namedPorts) {

        static PodView of(Stored pod) {
            JsonNode o = pod.object();
            boolean ready = false;
            for (JsonNode c : o.path("status").path("conditions")) {
                if ("Ready".equals(c.path("type").asString())) {
                    ready = "True".equals(c.path("status").asString());
                }
            }
            Map<String, Integer> named = new HashMap<>();
            for (JsonNode c : o.path("spec").path("containers")) {
                for (JsonNode p : c.path("ports")) {
                    if (p.has("name")) {
                        named.putIfAbsent(p.path("name").asString(), p.path("containerPort").asInt());
                    }
                }
            }
            return new PodView(pod.uid(), o.path("metadata").path("labels"), Json.text(o, "status.podIP"), ready,
                    o.path("metadata").has("deletionTimestamp"), Json.text(o, "status.phase"),
                    Json.text(o, "spec.nodeName"), Map.copyOf(named));
        }

        boolean sameEndpoint(PodView other) {
            return other != null && uid.equals(other.uid) && ip.equals(other.ip) && ready == other.ready
                    && terminating == other.terminating && phase.equals(other.phase) && node.equals(other.node)
                    && namedPorts.equals(other.namedPorts);
        }

        /** Pods with an IP that have not finished get an endpoint. */
        boolean eligible() {
            return !ip.isEmpty() && !phase.equals("Succeeded") && !phase.equals("Failed");
        }
    }

    private EndpointsRenderer() {
    }

    /** The Service's ports as this pod serves them; a named targetPort the pod lacks is left out. */
    static ArrayNode ports(JsonNode servicePorts, PodView pod) {
        ArrayNode out = Json.NODES.arrayNode();
        for (JsonNode sp : servicePorts) {
            JsonNode target = sp.path("targetPort");
            int port;
            if (target.isNumber()) {
                port = target.asInt();
            } else if (target.isString() && !target.asString().isEmpty()) {
                Integer named = pod.namedPorts().get(target.asString());
                if (named == null) {
                    continue;
                }
                port = named;
            } else {
                port = sp.path("port").asInt();
            }
            ObjectNode p = out.addObject();
            p.put("name", sp.path("name").asString(""));
            p.put("port", port);
            p.put("protocol", sp.path("protocol").asString("TCP"));
            if (sp.has("appProtocol")) {
                p.set("appProtocol", sp.get("appProtocol"));
            }
        }
        return out;
    }

    static ObjectNode endpoint(String namespace, String podName, PodView pod, boolean publishNotReady) {
        ObjectNode e = Json.object();
        e.putArray("addresses").add(pod.ip());
        ObjectNode cond = e.putObject("conditions");
        cond.put("ready", publishNotReady || pod.ready() && !pod.terminating());
        cond.put("serving", publishNotReady || pod.ready());
        cond.put("terminating", pod.terminating());
        if (!pod.node().isEmpty()) {
            e.put("nodeName", pod.node());
        }
        ObjectNode ref = e.putObject("targetRef");
        ref.put("kind", "Pod");
        ref.put("namespace", namespace);
        ref.put("name", podName);
        ref.put("uid", pod.uid());
        return e;
    }

    private record Subset(ArrayNode ports, List<ObjectNode> ready, List<ObjectNode> notReady) {
    }

    /** The v1 Endpoints object for a Service, from the endpoints of its slices. */
    static ObjectNode endpoints(String namespace, String service, JsonNode labels, ServiceSlices slices,
                                boolean publishNotReady) {
        Map<String, Subset> subsets = new LinkedHashMap<>();
        int[] count = {0};
        slices.forEachEndpoint((e, slice) -> {
            JsonNode cond = e.path("conditions");
            if (cond.path("terminating").asBoolean() && !publishNotReady) {
                return;
            }
            Subset s = subsets.computeIfAbsent(slice.portsKey,
                    k -> new Subset(slice.ports, new ArrayList<>(), new ArrayList<>()));
            ObjectNode a = Json.object();
            a.put("ip", e.path("addresses").path(0).asString());
            if (e.has("nodeName")) {
                a.set("nodeName", e.get("nodeName"));
            }
            a.set("targetRef", e.get("targetRef"));
            (cond.path("ready").asBoolean() ? s.ready() : s.notReady()).add(a);
            count[0]++;
        });
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", "Endpoints");
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", service);
        meta.put("namespace", namespace);
        meta.set("labels", labels);
        int room = MAX_ENDPOINTS_ADDRESSES;
        if (count[0] > MAX_ENDPOINTS_ADDRESSES) {
            meta.putObject("annotations").put("endpoints.kubernetes.io/over-capacity", "truncated");
        }
        if (subsets.isEmpty()) {
            return o;
        }
        ArrayNode out = o.putArray("subsets");
        Comparator<ObjectNode> byIp = Comparator.comparing(a -> a.path("ip").asString());
        for (Subset s : subsets.values()) {
            ObjectNode sub = Json.object();
            room = addresses(sub, "addresses", s.ready(), byIp, room);
            room = addresses(sub, "notReadyAddresses", s.notReady(), byIp, room);
            if (sub.isEmpty()) {
                continue;
            }
            ArrayNode ports = sub.putArray("ports");
            for (JsonNode p : s.ports()) {
                ObjectNode ep = ports.addObject();
                if (!p.path("name").asString("").isEmpty()) {
                    ep.set("name", p.get("name"));
                }
                ep.set("port", p.get("port"));
                ep.set("protocol", p.get("protocol"));
                if (p.has("appProtocol")) {
                    ep.set("appProtocol", p.get("appProtocol"));
                }
            }
            out.add(sub);
        }
        if (out.isEmpty()) {
            o.remove("subsets");
        }
        return o;
    }

    private static int addresses(ObjectNode sub, String field, List<ObjectNode> list, Comparator<ObjectNode> order,
                                 int room) {
        if (list.isEmpty() || room <= 0) {
            return room;
        }
        list.sort(order);
        ArrayNode a = sub.putArray(field);
        for (ObjectNode x : list.subList(0, Math.min(room, list.size()))) {
            a.add(x);
        }
        return room - a.size();
    }
}
