package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.Stored;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,000 Deployments of 10 pods: how long they take to roll out, what the controllers cost while nothing changes, and
 * how many writes one pod's readiness change causes. Run with {@code mvn -Pbench test -Dtest=DeploymentScaleBenchTest};
 * prints its figures and stops by itself.
 */
@Tag("bench")
class DeploymentScaleBenchTest {

    private static final int DEPLOYMENTS = 1_000;
    private static final int REPLICAS = 10;

    @Test
    void thousandDeploymentsOfTenPods() throws Exception {
        try (Sandbox s = new Sandbox(1.0)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < DEPLOYMENTS; i++) {
                s.create(Sandbox.deployment("app-" + i, REPLICAS, "shop/app:1.0"));
            }
            s.waiter.until("all rolled out", () -> {
                int done = 0;
                for (Stored d : s.store.all(Kinds.DEPLOYMENT, Sandbox.NS)) {
                    if (d.object().path("status").path("availableReplicas").asInt() == REPLICAS
                            && d.object().path("status").path("updatedReplicas").asInt() == REPLICAS) {
                        done++;
                    }
                }
                return done == DEPLOYMENTS;
            }, Duration.ofMinutes(5));
            System.out.printf("rolled out %d deployments, %d pods in %.1f s%n", DEPLOYMENTS,
                    s.store.count(Kinds.POD), (System.nanoTime() - t0) / 1e9);

            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<String, Long> before = controllerCpu(mx);
            long rv0 = s.store.resourceVersion();
            Thread.sleep(5_000);
            Map<String, Long> after = controllerCpu(mx);
            for (String name : after.keySet()) {
                double ms = (after.get(name) - before.getOrDefault(name, 0L)) / 1e6;
                System.out.printf("idle 5 s: %s used %.1f ms CPU%n", name, ms);
                assertTrue(ms < 500, name + " busy while idle: " + ms + " ms");
            }
            System.out.printf("idle 5 s: %d writes%n", s.store.resourceVersion() - rv0);

            s.kubelet.close();
            Stored pod = s.pods("app-500").get(0);
            long rv1 = s.store.resourceVersion();
            long c0 = total(controllerCpu(mx));
            s.store.modify(Kinds.POD, Sandbox.NS, pod.name(), p -> {
                ArrayNode conditions = (ArrayNode) p.path("status").path("conditions");
                for (int i = 0; i < conditions.size(); i++) {
                    ObjectNode c = (ObjectNode) conditions.get(i);
                    if (c.path("type").asString().equals("Ready")) {
                        c.put("status", "False").put("lastTransitionTime", Json.time(s.clock.now()));
                    }
                }
                Json.metadata(p).remove("resourceVersion");
                return p;
            }, true, false);
            s.waiter.until("deployment sees the unready pod", () -> s.deployment("app-500").object().path("status")
                    .path("availableReplicas").asInt() == REPLICAS - 1, Duration.ofSeconds(10));
            long c1 = total(controllerCpu(mx));
            System.out.printf("one pod unready: %d writes, %.2f ms controller CPU%n",
                    s.store.resourceVersion() - rv1, (c1 - c0) / 1e6);
        }
    }

    private static Map<String, Long> controllerCpu(ThreadMXBean mx) {
        Map<String, Long> out = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("sandbox-")) {
                out.put(t.getName(), mx.getThreadCpuTime(t.threadId()));
            }
        }
        return out;
    }

    private static long total(Map<String, Long> cpu) {
        return cpu.values().stream().mapToLong(Long::longValue).sum();
    }
}
