package io.flightdeck.sandbox.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Service, Endpoints and EndpointSlice rows of the apiserver's table: printService (TYPE, CLUSTER-IP,
 * EXTERNAL-IP, PORT(S) "80/TCP" or "80:30080/TCP", wide SELECTOR), printEndpoints and printEndpointSlice with their
 * "+ N more..." lists, ported from pkg/printers/internalversion (Kubernetes 1.32) with the server's wide=true.
 * Unset fields the apiserver would have defaulted (type ClusterIP, protocol TCP) print as their defaults.
 * Stateless; any thread.
 */
final class ServicePrinters {

    private ServicePrinters() {
    }

    static TablePrinters.Row service(ObjectNode svc, Instant now) {
        JsonNode spec = svc.path("spec");
        String internalIP = "<none>";
        if (spec.path("clusterIPs").isArray() && !spec.path("clusterIPs").isEmpty()) {
            internalIP = spec.path("clusterIPs").get(0).asString("");
        } else if (!spec.path("clusterIP").asString("").isEmpty()) {
            internalIP = spec.path("clusterIP").asString();
        }
        StringBuilder ports = new StringBuilder();
        for (JsonNode p : spec.path("ports")) {
            ports.append(ports.isEmpty() ? "" : ",").append(p.path("port").asLong(0));
            if (p.path("nodePort").asLong(0) > 0) {
                ports.append(':').append(p.path("nodePort").asLong(0));
            }
            ports.append('/').append(p.path("protocol").asString("TCP"));
        }
        return TablePrinters.named(svc)
                .add(spec.path("type").asString("ClusterIP"))
                .add(internalIP)
                .add(externalIP(svc))
                .add(ports.isEmpty() ? "<none>" : ports.toString())
                .add(TablePrinters.age(svc, now))
                .add(SelectorFormat.labels(spec.path("selector")));
    }

    /** getServiceExternalIP with wide=true, as the server generates it. */
    private static String externalIP(ObjectNode svc) {
        JsonNode spec = svc.path("spec");
        String externalIPs = TablePrinters.join(spec.path("externalIPs"), null);
        switch (spec.path("type").asString("ClusterIP")) {
            case "ClusterIP", "NodePort":
                return externalIPs.isEmpty() ? "<none>" : externalIPs;
            case "LoadBalancer":
                Set<String> lb = new TreeSet<>();
                for (JsonNode ingress : svc.path("status").path("loadBalancer").path("ingress")) {
                    String ip = ingress.path("ip").asString("");
                    String host = ingress.path("hostname").asString("");
                    if (!ip.isEmpty()) {
                        lb.add(ip);
                    } else if (!host.isEmpty()) {
                        lb.add(host);
                    }
                }
                String lbIps = String.join(",", lb);
                if (!externalIPs.isEmpty()) {
                    return lbIps.isEmpty() ? externalIPs : lbIps + "," + externalIPs;
                }
                return lbIps.isEmpty() ? "<pending>" : lbIps;
            case "ExternalName":
                return spec.path("externalName").asString("");
            default:
                return "<unknown>";
        }
    }

    /** formatEndpoints(endpoints, nil): up to three host:port (or IP) entries, then "+ N more...". */
    static TablePrinters.Row endpoints(ObjectNode ep, Instant now) {
        JsonNode subsets = ep.path("subsets");
        String text;
        if (!subsets.isArray() || subsets.isEmpty()) {
            text = "<none>";
        } else {
            StringBuilder list = new StringBuilder();
            int listed = 0;
            int count = 0;
            for (JsonNode ss : subsets) {
                JsonNode addresses = ss.path("addresses");
                JsonNode ports = ss.path("ports");
                int portCount = ports.isArray() && !ports.isEmpty() ? ports.size() : 1;
                for (int p = 0; p < portCount; p++) {
                    count += addresses.size();
                    for (JsonNode a : addresses) {
                        if (listed == 3) {
                            break;
                        }
                        String ip = a.path("ip").asString("");
                        String entry = ports.isArray() && !ports.isEmpty()
                                ? hostPort(ip, ports.get(p).path("port").asLong(0)) : ip;
                        list.append(listed++ == 0 ? "" : ",").append(entry);
                    }
                }
            }
            text = count > 3 ? list + " + " + (count - 3) + " more..." : list.toString();
        }
        return TablePrinters.named(ep).add(text).add(TablePrinters.age(ep, now));
    }

    static TablePrinters.Row slice(ObjectNode slice, Instant now) {
        StringBuilder ports = new StringBuilder();
        int listed = 0;
        int count = 0;
        for (JsonNode p : slice.path("ports")) {
            if (listed < 3) {
                String num = "*";
                if (p.path("port").isNumber()) {
                    num = Long.toString(p.path("port").asLong(0));
                } else if (p.path("name").isString()) {
                    num = p.path("name").asString();
                }
                ports.append(listed++ == 0 ? "" : ",").append(num);
            }
            count++;
        }
        StringBuilder addresses = new StringBuilder();
        int listedAddresses = 0;
        int addressCount = 0;
        for (JsonNode e : slice.path("endpoints")) {
            for (JsonNode a : e.path("addresses")) {
                if (listedAddresses < 3) {
                    addresses.append(listedAddresses++ == 0 ? "" : ",").append(a.asString(""));
                }
                addressCount++;
            }
        }
        return TablePrinters.named(slice)
                .add(slice.path("addressType").asString(""))
                .add(withMore(ports.toString(), count))
                .add(withMore(addresses.toString(), addressCount))
                .add(TablePrinters.age(slice, now));
    }

    /** listWithMoreString with max 3: "&lt;unset&gt;" when empty. */
    private static String withMore(String list, int count) {
        if (count > 3) {
            return list + " + " + (count - 3) + " more...";
        }
        return list.isEmpty() ? "<unset>" : list;
    }

    private static String hostPort(String host, long port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
