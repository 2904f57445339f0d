package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A sandbox with the shop at clock speed 40, a client, a named scheduler and engines with a fast tick and a 1 s lock,
 * plus the waits and object comparisons the release tests share. Closed after each test class or test.
 */
final class ReleaseFixture implements AutoCloseable {

    static final String NS = "shop";
    final SandboxCluster cluster;
    final KubernetesClient client;
    final ScheduledExecutorService executor;

    ReleaseFixture() {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(40));
        client = cluster.newClient();
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "flightdeck-release-test-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static EngineSettings settings() {
        return EngineSettings.defaults().withTick(Duration.ofMillis(40)).withLease(Duration.ofSeconds(2),
                Duration.ofMillis(250)).withObserveEvery(Duration.ofMillis(100));
    }

    ReleaseEngine engine() {
        return engine(settings(), "tester");
    }

    ReleaseEngine engine(EngineSettings settings, String osUser) {
        return new ReleaseEngine(client, executor, new Actor("sandbox-admin", osUser, "test-host"), settings);
    }

    static WorkloadKey key(String name) {
        return new WorkloadKey(NS, name);
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    /** Waits until the Deployment has rolled out completely. */
    Deployment awaitRolledOut(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).waitUntilCondition(
                d -> d != null && d.getStatus() != null && RolloutProgress.of(d).complete(), 60, TimeUnit.SECONDS);
    }

    /** Waits for a snapshot that matches, reading the listener's queue with a timeout. */
    static ReleaseSnapshot await(ReleaseHandle h, Predicate<ReleaseSnapshot> p, Duration timeout) {
        BlockingQueue<ReleaseSnapshot> q = new LinkedBlockingQueue<>();
        ReleaseListener l = q::add;
        h.addListener(l);
        try {
            ReleaseSnapshot s = h.snapshot();
            long end = System.nanoTime() + timeout.toNanos();
            while (!p.test(s)) {
                long left = end - System.nanoTime();
                ReleaseSnapshot next = left <= 0 ? null : q.poll(Math.min(left, 200_000_000L), TimeUnit.NANOSECONDS);
                if (next == null && h.finished().isDone() && !p.test(h.snapshot())) {
                    fail("the handle stopped; last snapshot: " + describe(h.snapshot()));
                }
                if (next == null && System.nanoTime() - end < 0) {
                    continue;
                }
                if (next == null) {
                    fail("timed out; last snapshot: " + describe(h.snapshot()));
                }
                s = next;
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            h.removeListener(l);
        }
    }

    static ReleaseSnapshot awaitPhase(ReleaseHandle h, ReleasePhase phase) {
        return await(h, s -> s.phase() == phase, Duration.ofSeconds(60));
    }

    static ReleaseSnapshot awaitStep(ReleaseHandle h, String step, ReleasePhase phase) {
        return await(h, s -> s.stepIndex() < s.steps().size()
                && s.steps().get(s.stepIndex()).name().equals(step) && s.phase() == phase, Duration.ofSeconds(60));
    }

    static String describe(ReleaseSnapshot s) {
        return s.phase() + (s.aborting() ? " (aborting)" : "") + " step " + s.stepIndex() + " "
                + (s.stepIndex() < s.steps().size() ? s.steps().get(s.stepIndex()).name() : "-") + ": " + s.message()
                + (s.error().isEmpty() ? "" : " error: " + s.error());
    }

    /**
     * What a release may change, by name: every Deployment's spec (template, replicas, strategy, paused, selector)
     * and every Service's spec without cluster IPs, for before/after comparisons.
     */
    Map<String, JsonNode> objects() {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Deployment d : client.apps().deployments().inNamespace(NS).list().getItems()) {
            out.put("deployment/" + d.getMetadata().getName(), spec(d));
        }
        for (var s : client.services().inNamespace(NS).list().getItems()) {
            ObjectNode spec = (ObjectNode) spec(s);
            spec.remove(List.of("clusterIP", "clusterIPs"));
            out.put("service/" + s.getMetadata().getName(), spec);
        }
        return out;
    }

    private static JsonNode spec(HasMetadata o) {
        JsonNode tree = Templates.tree(o);
        return tree.path("spec").deepCopy();
    }

    /** The same objects with the same specs; a failure names only the objects that differ. */
    void assertSameObjects(Map<String, JsonNode> before) {
        Map<String, JsonNode> after = objects();
        assertEquals(before.keySet(), after.keySet(), "objects added or removed");
        for (String k : before.keySet()) {
            assertEquals(before.get(k), after.get(k), k + " changed");
        }
    }

    /** No canary/green Deployments, no release Services, no journal in flight, no lease left behind. */
    void assertNoLeftovers(Map<String, JsonNode> before) {
        assertEquals(before.keySet(), objects().keySet(), "objects added or removed by the release");
        assertEquals(List.of(), client.pods().inNamespace(NS).withLabel(Steps.TRACK).list().getItems().stream()
                .map(p -> p.getMetadata().getName()).toList(), "track pods left");
        assertEquals(List.of(), client.leases().inNamespace(NS).list().getItems().stream()
                .map(l -> l.getMetadata().getName()).toList(), "leases left");
        assertEquals(List.of(), ReleaseJournal.list(client, NS, true).stream().map(e -> e.record().id()).toList(),
                "releases still in flight");
    }

    @Override
    public void close() {
        executor.shutdownNow();
        client.close();
        cluster.close();
    }
}
