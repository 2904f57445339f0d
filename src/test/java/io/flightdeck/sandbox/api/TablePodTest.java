package io.flightdeck.sandbox.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablePodTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static final String RUNNING = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "cart-7d9f8b6c5-x2x9z", "namespace": "shop", "uid": "0b7e-1",
                          "resourceVersion": "4711", "creationTimestamp": "2025-06-01T09:00:00Z",
                          "labels": {"app": "cart", "pod-template-hash": "7d9f8b6c5"}},
             "spec": {"nodeName": "sandbox-node-1",
                      "containers": [{"name": "cart", "image": "shop/cart:2.1"}]},
             "status": {"phase": "Running", "podIP": "10.244.0.12", "podIPs": [{"ip": "10.244.0.12"}],
                        "conditions": [{"type": "Initialized", "status": "True"},
                                       {"type": "Ready", "status": "True"},
                                       {"type": "ContainersReady", "status": "True"},
                                       {"type": "PodScheduled", "status": "True"}],
                        "containerStatuses": [{"name": "cart", "ready": true, "restartCount": 0, "started": true,
                                               "image": "shop/cart:2.1",
                                               "state": {"running": {"startedAt": "2025-06-01T09:00:04Z"}}}]}}
            """;

    static final String CRASHING = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "checkout-5f6d7c8b9-k4m2p", "namespace": "shop",
                          "creationTimestamp": "2025-06-01T11:50:00Z"},
             "spec": {"nodeName": "sandbox-node-2",
                      "containers": [{"name": "checkout", "image": "shop/checkout:2.1-crash"}]},
             "status": {"phase": "Running", "podIP": "10.244.1.7",
                        "conditions": [{"type": "Ready", "status": "False", "reason": "ContainersNotReady"}],
                        "containerStatuses": [{"name": "checkout", "ready": false, "restartCount": 5,
                            "started": false,
                            "state": {"waiting": {"reason": "CrashLoopBackOff",
                                      "message": "back-off 2m40s restarting failed container=checkout"}},
                            "lastState": {"terminated": {"exitCode": 137, "reason": "Error",
                                          "startedAt": "2025-06-01T11:59:10Z",
                                          "finishedAt": "2025-06-01T11:59:30Z"}}}]}}
            """;

    static final String TERMINATING = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "search-6c7d8e9f0-q1w2e", "namespace": "shop",
                          "creationTimestamp": "2025-05-30T08:00:00Z",
                          "deletionTimestamp": "2025-06-01T12:00:30Z", "deletionGracePeriodSeconds": 30},
             "spec": {"nodeName": "sandbox-node-1",
                      "containers": [{"name": "search", "image": "shop/search:1.9"},
                                     {"name": "envoy", "image": "envoyproxy/envoy:v1.30"}]},
             "status": {"phase": "Running", "podIPs": [{"ip": "10.244.0.31"}, {"ip": "fd00::31"}],
                        "conditions": [{"type": "Ready", "status": "True"}],
                        "containerStatuses": [
                            {"name": "envoy", "ready": true, "restartCount": 0,
                             "state": {"running": {"startedAt": "2025-05-30T08:00:05Z"}}},
                            {"name": "search", "ready": true, "restartCount": 1,
                             "state": {"running": {"startedAt": "2025-05-31T08:00:00Z"}},
                             "lastState": {"terminated": {"exitCode": 1, "reason": "Error",
                                           "finishedAt": "2025-05-31T07:59:58Z"}}}]}}
            """;

    @Test
    void runningReadyPod() {
        List<String> cells = cells(RUNNING);
        assertEquals(List.of("cart-7d9f8b6c5-x2x9z", "1/1", "Running", "0", "3h", "10.244.0.12", "sandbox-node-1",
                "<none>", "<none>"), cells);
    }

    @Test
    void crashLoopingPodShowsRestartsWithTheirAge() {
        List<String> cells = cells(CRASHING);
        assertEquals(List.of("checkout-5f6d7c8b9-k4m2p", "0/1", "CrashLoopBackOff", "5 (30s ago)", "10m",
                "10.244.1.7", "sandbox-node-2", "<none>", "<none>"), cells);
    }

    @Test
    void deletedPodIsTerminatingAndShowsItsFirstIp() {
        List<String> cells = cells(TERMINATING);
        assertEquals(List.of("search-6c7d8e9f0-q1w2e", "2/2", "Terminating", "1 (28h ago)", "2d4h",
                "10.244.0.31", "sandbox-node-1", "<none>", "<none>"), cells);
    }

    @Test
    void pendingPodWithoutStatusesAndContainerCreating() {
        assertEquals(List.of("p", "0/1", "Pending", "0", "5s", "<none>", "<none>", "<none>", "<none>"), cells("""
                {"metadata": {"name": "p", "creationTimestamp": "2025-06-01T11:59:55Z"},
                 "spec": {"containers": [{"name": "c", "image": "i"}]},
                 "status": {"phase": "Pending",
                            "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable"}]}}
                """));
        assertEquals("ContainerCreating", cells("""
                {"metadata": {"name": "p", "creationTimestamp": "2025-06-01T11:59:55Z"},
                 "spec": {"nodeName": "n", "containers": [{"name": "c", "image": "i"}]},
                 "status": {"phase": "Pending", "containerStatuses": [{"name": "c", "ready": false,
                            "restartCount": 0, "state": {"waiting": {"reason": "ContainerCreating"}}}]}}
                """).get(2));
        assertEquals("SchedulingGated", cells("""
                {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c"}]},
                 "status": {"phase": "Pending",
                            "conditions": [{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]}}
                """).get(2));
    }

    @Test
    void initContainersShowProgressAndFailures() {
        String template = """
                {"metadata": {"name": "p", "creationTimestamp": "2025-06-01T11:59:00Z"},
                 "spec": {"initContainers": [{"name": "migrate"}, {"name": "warm"}], "containers": [{"name": "app"}]},
                 "status": {"phase": "Pending", "initContainerStatuses": [
                     {"name": "migrate", "ready": false, "restartCount": 0, "state": %s},
                     {"name": "warm", "ready": false, "restartCount": 0,
                      "state": {"waiting": {"reason": "PodInitializing"}}}],
                  "containerStatuses": [{"name": "app", "ready": false, "restartCount": 0,
                                         "state": {"waiting": {"reason": "PodInitializing"}}}]}}
                """;
        assertEquals("Init:0/2", cells(template.formatted("{\"running\": {}}")).get(2));
        assertEquals("Init:1/2", cells(template.formatted("{\"terminated\": {\"exitCode\": 0}}")).get(2));
        assertEquals("Init:Error", cells(template.formatted(
                "{\"terminated\": {\"exitCode\": 1, \"reason\": \"Error\"}}")).get(2));
        assertEquals("Init:ExitCode:3", cells(template.formatted("{\"terminated\": {\"exitCode\": 3}}")).get(2));
        assertEquals("Init:CrashLoopBackOff", cells(template.formatted(
                "{\"waiting\": {\"reason\": \"CrashLoopBackOff\"}}")).get(2));
    }

    @Test
    void sidecarInitContainerCountsAsAContainer() {
        List<String> cells = cells("""
                {"metadata": {"name": "p", "creationTimestamp": "2025-06-01T11:00:00Z"},
                 "spec": {"initContainers": [{"name": "proxy", "restartPolicy": "Always"}],
                          "containers": [{"name": "app"}]},
                 "status": {"phase": "Running", "conditions": [{"type": "Initialized", "status": "True"}],
                   "initContainerStatuses": [{"name": "proxy", "ready": true, "started": true, "restartCount": 2,
                       "state": {"running": {}},
                       "lastState": {"terminated": {"exitCode": 1, "finishedAt": "2025-06-01T11:58:00Z"}}}],
                   "containerStatuses": [{"name": "app", "ready": true, "restartCount": 0,
                                          "state": {"running": {}}}]}}
                """);
        assertEquals(List.of("2/2", "Running", "2 (2m ago)"), cells.subList(1, 4));
    }

    @Test
    void finishedPodsAreCompletedOrErrorWithARowCondition() {
        ObjectNode table = Tables.table(Kinds.POD, List.of(parse("""
                {"metadata": {"name": "job-1"}, "spec": {"containers": [{"name": "c"}], "restartPolicy": "Never"},
                 "status": {"phase": "Succeeded", "containerStatuses": [{"name": "c", "ready": false,
                     "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}}
                """), parse("""
                {"metadata": {"name": "job-2"}, "spec": {"containers": [{"name": "c"}], "restartPolicy": "Never"},
                 "status": {"phase": "Failed", "containerStatuses": [{"name": "c", "ready": false,
                     "restartCount": 0, "state": {"terminated": {"exitCode": 2, "reason": "Error"}}}]}}
                """)), (String) null, NOW, "10", null);
        JsonNode done = table.path("rows").get(0);
        assertEquals("Completed", done.path("cells").get(2).asString());
        assertEquals("<unknown>", done.path("cells").get(4).asString());
        assertEquals("""
                [{"type":"Completed","status":"True","reason":"Succeeded","message":"The pod has completed \
                successfully."}]""", done.path("conditions").toString());
        JsonNode failed = table.path("rows").get(1);
        assertEquals("Error", failed.path("cells").get(2).asString());
        assertEquals("The pod failed.", failed.path("conditions").get(0).path("message").asString());
    }

    @Test
    void completedContainerBesideARunningOneIsRunningOrNotReady() {
        String pod = """
                {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}, {"name": "b"}]},
                 "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "%s"}],
                   "containerStatuses": [
                     {"name": "a", "ready": false, "restartCount": 0,
                      "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}},
                     {"name": "b", "ready": true, "restartCount": 0, "state": {"running": {}}}]}}
                """;
        assertEquals("Running", cells(pod.formatted("True")).get(2));
        assertEquals("NotReady", cells(pod.formatted("False")).get(2));
    }

    @Test
    void readinessGatesAndNominatedNode() {
        List<String> cells = cells("""
                {"metadata": {"name": "p"},
                 "spec": {"containers": [{"name": "c"}],
                          "readinessGates": [{"conditionType": "shop.example/lb-ready"},
                                             {"conditionType": "shop.example/warm"}]},
                 "status": {"phase": "Pending", "nominatedNodeName": "sandbox-node-3",
                            "conditions": [{"type": "shop.example/lb-ready", "status": "True"},
                                           {"type": "shop.example/warm", "status": "False"}]}}
                """);
        assertEquals(List.of("<none>", "<none>", "sandbox-node-3", "1/2"), cells.subList(5, 9));
    }

    @Test
    void podColumnsAreTheApiserversWithWideOnesAtPriorityOne() {
        ObjectNode table = Tables.table(Kinds.POD, List.of(parse(RUNNING)), "None", NOW, "4711", null);
        List<String> names = new ArrayList<>();
        List<Integer> priorities = new ArrayList<>();
        for (JsonNode c : table.path("columnDefinitions")) {
            names.add(c.path("name").asString());
            priorities.add(c.path("priority").asInt());
            assertEquals("string", c.path("type").asString());
            assertTrue(c.has("format") && c.has("description"));
        }
        assertEquals(List.of("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node",
                "Readiness Gates"), names);
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 1), priorities);
        assertEquals("name", table.path("columnDefinitions").get(0).path("format").asString());
    }

    static ObjectNode parse(String json) {
        return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> cells(String pod) {
        ObjectNode table = Tables.table(Kinds.POD, List.of(parse(pod)), "None", NOW, "1", null);
        List<String> cells = new ArrayList<>();
        table.path("rows").get(0).path("cells").forEach(c -> cells.add(c.asString()));
        return cells;
    }
}
