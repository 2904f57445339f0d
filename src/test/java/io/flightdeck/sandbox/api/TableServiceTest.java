package io.flightdeck.sandbox.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.flightdeck.sandbox.api.TableWorkloadTest.cells;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TableServiceTest {

    @Test
    void clusterIpService() {
        assertEquals(List.of("checkout", "ClusterIP", "10.96.14.2", "<none>", "80/TCP", "2d", "app=checkout"),
                cells(Kinds.SERVICE, """
                {"apiVersion": "v1", "kind": "Service",
                 "metadata": {"name": "checkout", "namespace": "shop", "creationTimestamp": "2025-05-30T12:00:00Z"},
                 "spec": {"type": "ClusterIP", "clusterIP": "10.96.14.2", "clusterIPs": ["10.96.14.2"],
                          "selector": {"app": "checkout"},
                          "ports": [{"name": "http", "port": 80, "targetPort": 8080, "protocol": "TCP"}]}}
                """));
    }

    @Test
    void nodePortLoadBalancerHeadlessAndExternalName() {
        assertEquals(List.of("storefront", "NodePort", "10.96.0.20", "<none>", "80:30080/TCP,443:30443/TCP"),
                cells(Kinds.SERVICE, """
                {"metadata": {"name": "storefront"},
                 "spec": {"type": "NodePort", "clusterIP": "10.96.0.20",
                          "ports": [{"port": 80, "nodePort": 30080}, {"port": 443, "nodePort": 30443}]}}
                """).subList(0, 5));
        assertEquals(List.of("<pending>", "8080/TCP"), cells(Kinds.SERVICE, """
                {"metadata": {"name": "lb"}, "spec": {"type": "LoadBalancer", "clusterIPs": ["10.96.0.30"],
                 "ports": [{"port": 8080, "nodePort": 0, "protocol": "TCP"}]}}
                """).subList(3, 5));
        assertEquals("203.0.113.7,lb.example.com,198.51.100.1", cells(Kinds.SERVICE, """
                {"metadata": {"name": "lb"}, "spec": {"type": "LoadBalancer", "externalIPs": ["198.51.100.1"]},
                 "status": {"loadBalancer": {"ingress": [{"ip": "203.0.113.7"}, {"hostname": "lb.example.com"}]}}}
                """).get(3));
        assertEquals(List.of("search-headless", "ClusterIP", "None", "<none>", "9200/TCP"), cells(Kinds.SERVICE, """
                {"metadata": {"name": "search-headless"},
                 "spec": {"clusterIP": "None", "ports": [{"port": 9200}], "selector": {"app": "search"}}}
                """).subList(0, 5));
        assertEquals(List.of("ExternalName", "<none>", "payments.psp.example", "<none>"), cells(Kinds.SERVICE, """
                {"metadata": {"name": "psp"}, "spec": {"type": "ExternalName",
                 "externalName": "payments.psp.example"}}
                """).subList(1, 5));
    }

    @Test
    void endpointsListThreeAndCountTheRest() {
        assertEquals(List.of("cart", "10.244.0.5:8080,10.244.0.6:8080,[fd00::7]:8080 + 2 more...", "60m"),
                cells(Kinds.ENDPOINTS, """
                {"metadata": {"name": "cart", "creationTimestamp": "2025-06-01T11:00:00Z"},
                 "subsets": [{"addresses": [{"ip": "10.244.0.5"}, {"ip": "10.244.0.6"}, {"ip": "fd00::7"},
                                            {"ip": "10.244.0.8"}],
                              "notReadyAddresses": [{"ip": "10.244.0.9"}],
                              "ports": [{"name": "http", "port": 8080, "protocol": "TCP"}]},
                             {"addresses": [{"ip": "10.244.1.5"}]}]}
                """));
        assertEquals("<none>", cells(Kinds.ENDPOINTS, "{\"metadata\": {\"name\": \"idle\"}}").get(1));
    }

    @Test
    void endpointSlices() {
        assertEquals(List.of("cart-abc12", "IPv4", "8080,metrics", "10.244.0.5,10.244.0.6", "5m"),
                cells(Kinds.ENDPOINT_SLICE, """
                {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                 "metadata": {"name": "cart-abc12", "creationTimestamp": "2025-06-01T11:55:00Z",
                              "labels": {"kubernetes.io/service-name": "cart"}},
                 "addressType": "IPv4",
                 "ports": [{"name": "http", "port": 8080, "protocol": "TCP"}, {"name": "metrics"}],
                 "endpoints": [{"addresses": ["10.244.0.5"], "conditions": {"ready": true}},
                               {"addresses": ["10.244.0.6"], "conditions": {"ready": false}}]}
                """));
        assertEquals(List.of("<unset>", "<unset>"), cells(Kinds.ENDPOINT_SLICE, """
                {"metadata": {"name": "empty"}, "addressType": "IPv4", "ports": [], "endpoints": []}
                """).subList(2, 4));
    }
}
