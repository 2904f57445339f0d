package io.flightdeck.sandbox.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static io.flightdeck.sandbox.api.TablePodTest.NOW;
import static io.flightdeck.sandbox.api.TablePodTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TableWorkloadTest {

    static final String ROLLING_DEPLOYMENT = """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "checkout", "namespace": "shop", "generation": 4,
                          "creationTimestamp": "2025-05-20T12:00:00Z",
                          "annotations": {"deployment.kubernetes.io/revision": "3"}},
             "spec": {"replicas": 10,
                      "selector": {"matchLabels": {"app": "checkout", "tier": "backend"},
                                   "matchExpressions": [{"key": "track", "operator": "In",
                                                         "values": ["stable", "canary"]}]},
                      "strategy": {"type": "RollingUpdate",
                                   "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
                      "template": {"metadata": {"labels": {"app": "checkout", "tier": "backend",
                                                           "track": "stable"}},
                                   "spec": {"containers": [
                                       {"name": "checkout", "image": "shop/checkout:2.1"},
                                       {"name": "envoy", "image": "envoyproxy/envoy:v1.30"}]}}},
             "status": {"observedGeneration": 4, "replicas": 12, "updatedReplicas": 5, "readyReplicas": 7,
                        "availableReplicas": 7, "unavailableReplicas": 5,
                        "conditions": [{"type": "Progressing", "status": "True",
                                        "reason": "ReplicaSetUpdated"}]}}
            """;

    @Test
    void deploymentMidRollout() {
        assertEquals(List.of("checkout", "7/10", "5", "7", "12d", "checkout,envoy",
                "shop/checkout:2.1,envoyproxy/envoy:v1.30", "app=checkout,tier=backend,track in (canary,stable)"),
                cells(Kinds.DEPLOYMENT, ROLLING_DEPLOYMENT));
        JsonNode row = table(Kinds.DEPLOYMENT, ROLLING_DEPLOYMENT).path("rows").get(0).path("cells");
        assertEquals("7/10", row.get(1).asString());
        assertEquals(5, row.get(2).asLong(), "UP-TO-DATE is an integer cell under a string column");
        assertEquals(true, row.get(2).isNumber());
    }

    @Test
    void deploymentColumns() {
        ObjectNode table = table(Kinds.DEPLOYMENT, ROLLING_DEPLOYMENT);
        List<String> columns = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asString() + "/"
                + c.path("type").asString() + "/" + c.path("priority").asInt()));
        assertEquals(List.of("Name/string/0", "Ready/string/0", "Up-to-date/string/0", "Available/string/0",
                "Age/string/0", "Containers/string/1", "Images/string/1", "Selector/string/1"), columns);
    }

    @Test
    void newDeploymentWithoutStatusDefaultsToOneReplica() {
        assertEquals(List.of("web", "0/1", "0", "0", "30s", "web", "nginx:1.27", "app=web"), cells(Kinds.DEPLOYMENT, """
                {"metadata": {"name": "web", "creationTimestamp": "2025-06-01T11:59:30Z"},
                 "spec": {"selector": {"matchLabels": {"app": "web"}},
                          "template": {"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}
                """));
    }

    @Test
    void replicaSetRows() {
        assertEquals(List.of("checkout-5f6d7c8b9", "5", "5", "3", "40m", "checkout", "shop/checkout:2.2",
                "app=checkout,pod-template-hash=5f6d7c8b9"), cells(Kinds.REPLICA_SET, """
                {"apiVersion": "apps/v1", "kind": "ReplicaSet",
                 "metadata": {"name": "checkout-5f6d7c8b9", "creationTimestamp": "2025-06-01T11:20:00Z"},
                 "spec": {"replicas": 5,
                          "selector": {"matchLabels": {"pod-template-hash": "5f6d7c8b9", "app": "checkout"}},
                          "template": {"spec": {"containers": [{"name": "checkout",
                                                                "image": "shop/checkout:2.2"}]}}},
                 "status": {"replicas": 5, "readyReplicas": 3, "availableReplicas": 3}}
                """));
        ObjectNode table = table(Kinds.REPLICA_SET, """
                {"metadata": {"name": "old"}, "spec": {"replicas": 0, "selector": {}}, "status": {"replicas": 0}}
                """);
        assertEquals("integer", table.path("columnDefinitions").get(1).path("type").asString());
        assertEquals(List.of("old", "0", "0", "0", "<unknown>", "", "", "<none>"), strings(table));
    }

    @Test
    void selectorsPrintLikeApimachinery() {
        assertEquals("app=cart,!canary,env notin (dev,qa),track",
                SelectorFormat.selectorString(parse("""
                        {"matchLabels": {"app": "cart"},
                         "matchExpressions": [{"key": "track", "operator": "Exists"},
                                              {"key": "env", "operator": "NotIn", "values": ["qa", "dev"]},
                                              {"key": "canary", "operator": "DoesNotExist"}]}
                        """)));
        assertEquals(null, SelectorFormat.selectorString(parse("""
                {"matchExpressions": [{"key": "a", "operator": "In", "values": []}]}""")));
        assertEquals("<error>", SelectorFormat.labelSelector(parse("""
                {"matchExpressions": [{"key": "a", "operator": "Near"}]}""")));
        assertEquals("<none>", SelectorFormat.labels(parse("{}")));
        assertEquals("a=1,b=2", SelectorFormat.labels(parse("{\"b\": \"2\", \"a\": \"1\"}")));
    }

    static ObjectNode table(ResourceKind kind, String json) {
        return Tables.table(kind, List.of(parse(json)), "None", NOW, "1", null);
    }

    static List<String> cells(ResourceKind kind, String json) {
        return strings(table(kind, json));
    }

    static List<String> strings(ObjectNode table) {
        List<String> cells = new ArrayList<>();
        table.path("rows").get(0).path("cells").forEach(c -> cells.add(c.isNull() ? null : c.asString()));
        return cells;
    }
}
