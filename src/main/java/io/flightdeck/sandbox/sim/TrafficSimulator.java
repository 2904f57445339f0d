package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Simulated client traffic: every Service with a selector gets requests at its rate (annotation
 * {@code sandbox.flightdeck.io/rps}, else a default), spread evenly over its ready, non-terminating endpoints, so a
 * canary with 1 of 10 pods gets about 10% of them. When an HTTPRoute names Services as weighted backendRefs, the
 * route's traffic (the rate of its first backend) is split by those weights instead, and each Service spreads its
 * share over its own ready pods. Each request's status and latency come from the pod's image behaviour; a pod that
 * does not answer (hung or not listening) gets 503s after a 1 s timeout. Runs on its own daemon thread, a tick every
 * 500 ms real time, on the sandbox clock.
 */
public final class TrafficSimulator implements AutoCloseable {

    public static final String RPS_ANNOTATION = "sandbox.flightdeck.io/rps";
    static final double DEFAULT_RPS = 20;

    private final ObjectStore store;
    private final SandboxClock clock;
    private final PodMetrics metrics;
    private final SplittableRandom random = new SplittableRandom(42);
    private final Map<String, PodMetrics.PodLabels> known = new HashMap<>();
    private final Map<String, Double> carry = new HashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-traffic");
        t.setDaemon(true);
        return t;
    });
    private Instant last;

    public TrafficSimulator(ObjectStore store, SandboxClock clock, PodMetrics metrics) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    public void start() {
        last = clock.now();
        thread.scheduleWithFixedDelay(this::tickSafely, 500, 500, TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            Instant now = clock.now();
            tick(Duration.between(last, now).toMillis() / 1000.0, now);
            last = now;
        } catch (RuntimeException e) {
            System.getLogger(TrafficSimulator.class.getName()).log(System.Logger.Level.WARNING, "traffic tick", e);
        }
    }

    /** Sends {@code seconds} of simulated traffic. Package-private so tests can drive it without the thread. */
    void tick(double seconds, Instant now) {
        Map<String, Double> rate = new HashMap<>();
        Set<String> routed = new HashSet<>();
        for (Stored route : store.all(Kinds.HTTP_ROUTE, null)) {
            splitRoute(route, rate, routed);
        }
        Set<String> alive = new HashSet<>();
        for (Stored svc : store.all(Kinds.SERVICE, null)) {
            String key = svc.namespace() + "/" + svc.name();
            JsonNode selector = svc.object().path("spec").path("selector");
            if (!selector.isObject() || selector.isEmpty()) {
                continue;
            }
            double rps = routed.contains(key) ? rate.getOrDefault(key, 0.0) : serviceRps(svc);
            List<Stored> ready = readyPods(svc.namespace(), selector);
            for (Stored pod : ready) {
                alive.add(pod.uid());
                double share = rps * seconds / ready.size() + carry.getOrDefault(pod.uid(), 0.0);
                int n = (int) share;
                carry.put(pod.uid(), share - n);
                serve(pod, n, now);
            }
        }
        known.keySet().removeIf(uid -> {
            if (alive.contains(uid)) {
                return false;
            }
            metrics.forget(known.get(uid));
            carry.remove(uid);
            return true;
        });
    }

    private void splitRoute(Stored route, Map<String, Double> rate, Set<String> routed) {
        for (JsonNode rule : route.object().path("spec").path("rules")) {
            JsonNode refs = rule.path("backendRefs");
            double total = 0;
            double rps = -1;
            for (JsonNode ref : refs) {
                total += ref.path("weight").asDouble(1);
                if (rps < 0) {
                    Stored svc = store.get(Kinds.SERVICE, route.namespace(), ref.path("name").asString());
                    rps = svc == null ? DEFAULT_RPS : serviceRps(svc);
                }
            }
            for (JsonNode ref : refs) {
                String key = route.namespace() + "/" + ref.path("name").asString();
                routed.add(key);
                double w = total <= 0 ? 0 : ref.path("weight").asDouble(1) / total;
                rate.merge(key, Math.max(rps, 0) * w, Double::sum);
            }
        }
    }

    private void serve(Stored pod, int n, Instant now) {
        if (n <= 0) {
            return;
        }
        PodMetrics.PodLabels labels = known.computeIfAbsent(pod.uid(), u -> labels(pod));
        ImageBehaviour b = ImageBehaviour.of(mainImage(pod));
        long uptime = uptimeMillis(pod, now);
        for (int i = 0; i < n; i++) {
            if (!b.answers(uptime)) {
                metrics.record(labels, 503, 1.0 + random.nextDouble() * 0.05);
            } else {
                metrics.record(labels, b.sampleError(random) ? 500 : 200, b.sampleLatencyMillis(random) / 1000.0);
            }
        }
    }

    private List<Stored> readyPods(String namespace, JsonNode selector) {
        List<Stored> out = new ArrayList<>();
        for (Stored p : store.all(Kinds.POD, namespace)) {
            JsonNode o = p.object();
            if (!Pods.isTerminating(o) && LabelSelector.matchesMap(selector, o.path("metadata").path("labels"))
                    && Pods.isReady(o)) {
                out.add(p);
            }
        }
        return out;
    }

    private static double serviceRps(Stored svc) {
        String a = svc.object().path("metadata").path("annotations").path(RPS_ANNOTATION).asString();
        try {
            return a.isEmpty() ? DEFAULT_RPS : Double.parseDouble(a);
        } catch (NumberFormatException e) {
            return DEFAULT_RPS;
        }
    }

    static PodMetrics.PodLabels labels(Stored pod) {
        JsonNode meta = pod.object().path("metadata");
        String hash = meta.path("labels").path("pod-template-hash").asString();
        String track = meta.path("labels").path("flightdeck.io/track").asString();
        String deployment = meta.path("labels").path("app").asString();
        for (JsonNode ref : meta.path("ownerReferences")) {
            String rs = ref.path("name").asString();
            if (ref.path("kind").asString().equals("ReplicaSet") && !hash.isEmpty() && rs.endsWith("-" + hash)) {
                deployment = rs.substring(0, rs.length() - hash.length() - 1);
            }
        }
        return new PodMetrics.PodLabels(pod.namespace(), deployment, pod.name(), track.isEmpty() ? "stable" : track,
                hash);
    }

    private static String mainImage(Stored pod) {
        return pod.object().path("spec").path("containers").path(0).path("image").asString();
    }

    private static long uptimeMillis(Stored pod, Instant now) {
        String started = pod.object().path("status").path("containerStatuses").path(0).path("state")
                .path("running").path("startedAt").asString();
        if (started.isEmpty()) {
            return 0;
        }
        try {
            return Duration.between(Instant.parse(started), now).toMillis();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
