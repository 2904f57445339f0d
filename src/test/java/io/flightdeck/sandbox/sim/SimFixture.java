package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.api.ResourceKind;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import io.flightdeck.sandbox.store.Watch;
import io.flightdeck.sandbox.store.WatchSink;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A sandbox for the simulation tests: a fast clock, a store with graceful pod deletion, an event recorder, a
 * namespace, and a kubelet (plus, on request, the service controller). Waits read watch events from a BlockingQueue
 * with a timeout; every version seen is kept for checks of transient states.
 */
final class SimFixture implements AutoCloseable {

    static final String NS = "shop";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    record Seen(String type, Stored object) {
    }

    final SandboxClock clock;
    final ObjectStore store;
    final EventRecorder events;
    final Kubelet kubelet;
    ServiceController services;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    SimFixture(double speed) {
        clock = new SandboxClock(speed);
        store = new ObjectStore(clock, 200_000);
        store.setGracefulPods(true);
        events = new EventRecorder(store, clock, 5_000);
        store.create(Kinds.NAMESPACE, "", ShopSeed.namespace(NS), false);
        kubelet = new Kubelet(store, clock, events);
    }

    SimFixture withServices() {
        services = new ServiceController(store);
        store.addAdmission(services.admission());
        services.start();
        return this;
    }

    SimFixture start() {
        kubelet.start();
        return this;
    }

    /** A watcher of one kind in the fixture's namespace; open it before the change it waits for. */
    Watcher watch(ResourceKind kind) {
        Watcher w = new Watcher(kind);
        closeables.add(w);
        return w;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        kubelet.close();
        if (services != null) {
            services.close();
        }
    }

    long simMillis() {
        return clock.now().toEpochMilli();
    }

    /** Events about an object, oldest first. */
    List<JsonNode> eventsFor(String name) {
        List<JsonNode> out = new ArrayList<>();
        for (Stored s : store.all(Kinds.EVENT, NS)) {
            if (name.equals(s.object().path("involvedObject").path("name").asString())) {
                out.add(s.object());
            }
        }
        out.sort((a, b) -> a.path("firstTimestamp").asString().compareTo(b.path("firstTimestamp").asString()));
        return out;
    }

    JsonNode event(String name, String reason, String messagePrefix) {
        for (JsonNode e : eventsFor(name)) {
            if (e.path("reason").asString().equals(reason) && e.path("message").asString().startsWith(messagePrefix)) {
                return e;
            }
        }
        return null;
    }

    final class Watcher implements WatchSink, AutoCloseable {
        private final ResourceKind kind;
        private final BlockingQueue<Seen> queue = new LinkedBlockingQueue<>();
        final List<Seen> history = new CopyOnWriteArrayList<>();
        private final Watch watch;

        Watcher(ResourceKind kind) {
            this.kind = kind;
            this.watch = store.watch(kind, NS, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, this);
        }

        @Override
        public boolean offer(String type, Stored object) {
            Seen s = new Seen(type, object);
            history.add(s);
            return queue.offer(s);
        }

        @Override
        public void closed(String reason) {
        }

        /** Waits until the named object (current or coming) satisfies the condition; returns that version. */
        JsonNode await(String name, Predicate<JsonNode> condition) {
            return await(name, condition, TIMEOUT);
        }

        JsonNode await(String name, Predicate<JsonNode> condition, Duration timeout) {
            Stored current = store.get(kind, NS, name);
            if (current != null && condition.test(current.object())) {
                return current.object();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            JsonNode last = current == null ? null : current.object();
            while (true) {
                long left = deadline - System.nanoTime();
                Seen s;
                try {
                    s = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
                if (s == null) {
                    Stored now = store.get(kind, NS, name);
                    if (now != null && condition.test(now.object())) {
                        return now.object();
                    }
                    fail("timed out waiting for " + kind.kind() + " " + name + "; last seen: " + last);
                }
                if (s.object().name().equals(name) && !s.type().equals("DELETED")) {
                    last = s.object().object();
                    if (condition.test(last)) {
                        return last;
                    }
                }
            }
        }

        /** Waits until any object of the kind (current or coming) satisfies the condition; returns it. */
        JsonNode awaitAny(Predicate<JsonNode> condition) {
            for (Stored s : store.all(kind, NS)) {
                if (condition.test(s.object())) {
                    return s.object();
                }
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                Seen s;
                try {
                    s = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
                if (s == null) {
                    fail("timed out waiting for a " + kind.kind() + " to match");
                }
                if (!s.type().equals("DELETED") && condition.test(s.object().object())) {
                    return s.object().object();
                }
            }
        }

        /** Waits until the named object is gone. */
        void awaitDeleted(String name) {
            awaitTrue(() -> store.get(kind, NS, name) == null, kind.kind() + " " + name + " to be deleted");
        }

        /** Waits until the check holds, checking again at each change of the kind. */
        void awaitTrue(BooleanSupplier check, String what) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!check.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                try {
                    if (left <= 0 || queue.poll(left, TimeUnit.NANOSECONDS) == null && !check.getAsBoolean()) {
                        fail("timed out waiting for " + what);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        List<JsonNode> versions(String name) {
            List<JsonNode> out = new ArrayList<>();
            for (Seen s : history) {
                if (s.object().name().equals(name)) {
                    out.add(s.object().object());
                }
            }
            return out;
        }

        @Override
        public void close() {
            watch.close();
        }
    }


    static ObjectNode pod(String name, String image, ObjectNode container) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", "Pod");
        Json.metadata(o).put("name", name).put("namespace", NS).putObject("labels").put("app", "web");
        ObjectNode spec = o.putObject("spec");
        container.put("name", "app");
        container.put("image", image);
        container.putArray("ports").addObject().put("name", "http").put("containerPort", 8080).put("protocol", "TCP");
        spec.putArray("containers").add(container);
        spec.put("restartPolicy", "Always");
        spec.put("terminationGracePeriodSeconds", 30);
        return o;
    }

    static ObjectNode container() {
        return Json.object();
    }

    static ObjectNode withProbes(ObjectNode c, ObjectNode startup, ObjectNode readiness, ObjectNode liveness) {
        if (startup != null) {
            c.set("startupProbe", startup);
        }
        if (readiness != null) {
            c.set("readinessProbe", readiness);
        }
        if (liveness != null) {
            c.set("livenessProbe", liveness);
        }
        return c;
    }

    static ObjectNode http(String path, int initialDelay, int period, int failure) {
        return ShopSeed.probe(path, initialDelay, period, 1, 1, failure);
    }

    Stored create(ObjectNode pod) {
        return store.create(Kinds.POD, NS, pod, false);
    }


    static JsonNode condition(JsonNode pod, String type) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (type.equals(c.path("type").asString())) {
                return c;
            }
        }
        return null;
    }

    static boolean ready(JsonNode pod) {
        JsonNode c = condition(pod, "Ready");
        return c != null && "True".equals(c.path("status").asString());
    }

    static boolean notReady(JsonNode pod) {
        JsonNode c = condition(pod, "Ready");
        return c != null && "False".equals(c.path("status").asString());
    }

    static JsonNode app(JsonNode pod) {
        return pod.path("status").path("containerStatuses").path(0);
    }

    static String phase(JsonNode pod) {
        return pod.path("status").path("phase").asString("");
    }
}
