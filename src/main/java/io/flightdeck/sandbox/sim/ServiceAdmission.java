package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.ResourceKind;
import io.flightdeck.sandbox.store.Admission;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The apiserver's Service defaulting and IP allocation: type ClusterIP, a unique clusterIP from 10.96.0.0/12 (or a
 * requested one, checked), clusterIPs, ipFamilies, ipFamilyPolicy, sessionAffinity, internalTrafficPolicy, ports'
 * protocol and targetPort, nodePorts for NodePort/LoadBalancer; clusterIP may not change once set. Allocations are
 * confirmed by the {@link ServiceController}'s Service watch ({@link #observe}); an allocation no stored Service
 * confirms (a dry run) is free again after a minute. Runs under the store's write lock, like every Admission.
 */
final class ServiceAdmission implements Admission {

    static final String RANGE = "10.96.0.0/12";
    private static final int BASE = (10 << 24) | (96 << 16);
    private static final int SIZE = 1 << 20;
    /** The lower band (10.96.0.0/24) is left to requested addresses, as the apiserver's allocator does. */
    private static final int DYNAMIC_FROM = 256;
    private static final long PENDING_NANOS = 60_000_000_000L;

    private final Map<String, String> clusterIps = new ConcurrentHashMap<>();
    private final Map<Integer, String> nodePorts = new ConcurrentHashMap<>();
    private final Map<String, Long> pending = new ConcurrentHashMap<>();

    @Override
    public void admit(Operation op, ResourceKind kind, ObjectNode object, Stored previous) {
        if (kind != Kinds.SERVICE || op == Operation.UPDATE_STATUS) {
            return;
        }
        String name = Json.text(object, "metadata.name");
        ObjectNode spec = Json.child(object, "spec");
        String type = spec.path("type").asString("");
        if (type.isEmpty()) {
            type = "ClusterIP";
            spec.put("type", type);
        }
        if (!type.equals("ExternalName")) {
            clusterIp(spec, name, previous);
            spec.put("sessionAffinity", spec.path("sessionAffinity").asString("None"));
            spec.put("internalTrafficPolicy", spec.path("internalTrafficPolicy").asString("Cluster"));
        }
        boolean nodePort = type.equals("NodePort") || type.equals("LoadBalancer");
        if (nodePort) {
            spec.put("externalTrafficPolicy", spec.path("externalTrafficPolicy").asString("Cluster"));
        }
        if (type.equals("LoadBalancer") && !spec.has("allocateLoadBalancerNodePorts")) {
            spec.put("allocateLoadBalancerNodePorts", true);
        }
        for (JsonNode p : spec.path("ports")) {
            if (p instanceof ObjectNode port) {
                port.put("protocol", port.path("protocol").asString("TCP"));
                if (!port.has("targetPort")) {
                    port.set("targetPort", port.get("port"));
                }
                if (nodePort && port.path("nodePort").asInt(0) == 0) {
                    port.put("nodePort", allocateNodePort(previous, port));
                }
            }
        }
        if (op == Operation.CREATE && !object.has("status")) {
            object.putObject("status").putObject("loadBalancer");
        }
    }

    private void clusterIp(ObjectNode spec, String name, Stored previous) {
        String requested = spec.path("clusterIP").asString("");
        if (requested.isEmpty() && spec.path("clusterIPs").isArray() && !spec.path("clusterIPs").isEmpty()) {
            requested = spec.path("clusterIPs").get(0).asString("");
        }
        String old = previous == null ? "" : Json.text(previous.object(), "spec.clusterIP");
        String ip;
        if (!old.isEmpty()) {
            if (!requested.isEmpty() && !requested.equals(old)) {
                throw ApiException.invalid(Kinds.SERVICE, name, "spec.clusterIPs[0]: Invalid value: []string{\""
                        + requested + "\"}: may not change once set");
            }
            ip = old;
        } else if (requested.equals("None")) {
            ip = "None";
        } else if (requested.isEmpty()) {
            ip = allocate();
        } else {
            ip = reserve(requested, name);
        }
        spec.put("clusterIP", ip);
        ArrayNode ips = spec.putArray("clusterIPs");
        ips.add(ip);
        spec.putArray("ipFamilies").add("IPv4");
        spec.put("ipFamilyPolicy", spec.path("ipFamilyPolicy").asString("SingleStack"));
    }

    private String allocate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 1000; i++) {
            int offset = DYNAMIC_FROM + r.nextInt(SIZE - DYNAMIC_FROM - 1);
            if (offset % 256 == 0 || offset % 256 == 255) {
                continue;
            }
            String ip = format(BASE + offset);
            if (!used(ip)) {
                pending.put(ip, System.nanoTime());
                return ip;
            }
        }
        throw new ApiException(500, "InternalError", "failed to allocate a serviceIP: range is full");
    }

    private String reserve(String ip, String name) {
        int a = parse(ip);
        String why = "spec.clusterIPs: Invalid value: []string{\"" + ip + "\"}: failed to allocate IP " + ip + ": ";
        if (a == -1 || a - BASE < 1 || a - BASE >= SIZE - 1) {
            throw ApiException.invalid(Kinds.SERVICE, name, why + "the provided IP (" + ip
                    + ") is not in the valid range. The range of valid IPs is " + RANGE);
        }
        if (used(ip)) {
            throw ApiException.invalid(Kinds.SERVICE, name, why + "provided IP is already allocated");
        }
        pending.put(ip, System.nanoTime());
        return ip;
    }

    private boolean used(String ip) {
        if (clusterIps.containsKey(ip)) {
            return true;
        }
        Long at = pending.get(ip);
        return at != null && System.nanoTime() - at < PENDING_NANOS;
    }

    private int allocateNodePort(Stored previous, JsonNode port) {
        if (previous != null) {
            for (JsonNode p : previous.object().path("spec").path("ports")) {
                if (p.path("port").asInt() == port.path("port").asInt() && p.path("nodePort").asInt(0) > 0) {
                    return p.path("nodePort").asInt();
                }
            }
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 10_000; i++) {
            int candidate = 30000 + r.nextInt(2768);
            if (!nodePorts.containsKey(candidate)) {
                nodePorts.put(candidate, "");
                return candidate;
            }
        }
        throw new ApiException(500, "InternalError", "failed to allocate a nodePort: range is full");
    }

    /** Keeps the allocation tables in step with the stored Services; called by the Service watch's sink. */
    void observe(String type, Stored svc) {
        String ip = Json.text(svc.object(), "spec.clusterIP");
        String key = svc.namespace() + "/" + svc.name();
        boolean gone = type.equals("DELETED");
        if (!ip.isEmpty() && !ip.equals("None")) {
            if (gone) {
                clusterIps.remove(ip, key);
            } else {
                clusterIps.put(ip, key);
            }
            pending.remove(ip);
        }
        for (JsonNode p : svc.object().path("spec").path("ports")) {
            int np = p.path("nodePort").asInt(0);
            if (np > 0) {
                if (gone) {
                    nodePorts.remove(np);
                } else {
                    nodePorts.put(np, key);
                }
            }
        }
    }

    /** Forgets every allocation; the relisted Services are observed again. */
    void clear() {
        clusterIps.clear();
        nodePorts.clear();
    }

    int allocated() {
        return clusterIps.size();
    }

    static int parse(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            return -1;
        }
        int a = 0;
        for (String p : parts) {
            int v;
            try {
                v = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                return -1;
            }
            if (v < 0 || v > 255) {
                return -1;
            }
            a = (a << 8) | v;
        }
        return a;
    }

    static String format(int a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }
}
