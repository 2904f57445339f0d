package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.server.PodLogSource;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import org.komamitsu.fluency.EventTime;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ships every running sandbox container's log lines, as they appear, to a Fluentd forward receiver with Fluency (a
 * real Fluentd-protocol client library), shaped as Fluentd's tail input plus kubernetes metadata filter would send
 * them: tag {@code kube.NAMESPACE.POD.CONTAINER}, record {@code log}, {@code stream} and {@code kubernetes}
 * (pod_name, namespace_name, container_name, pod_id, host, labels). Runs on its own daemon thread, once a second.
 */
public final class LogForwarder implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LogForwarder.class.getName());

    private final ObjectStore store;
    private final SimulatedLogs logs;
    private final Fluency fluency;
    private final Map<String, Long> shipped = new HashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-log-forwarder");
        t.setDaemon(true);
        return t;
    });

    public LogForwarder(ObjectStore store, SimulatedLogs logs, String host, int port) {
        this.store = store;
        this.logs = logs;
        FluencyBuilderForFluentd b = new FluencyBuilderForFluentd();
        b.setFlushAttemptIntervalMillis(200);
        b.setSenderMaxRetryCount(2);
        this.fluency = b.build(host, port);
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::shipSafely, 1, 1, TimeUnit.SECONDS);
    }

    private void shipSafely() {
        try {
            ship();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "forwarding pod logs failed: " + e.getMessage());
        }
    }

    private void ship() throws IOException {
        Map<String, Long> seen = new HashMap<>();
        for (Stored pod : store.all(Kinds.POD, null)) {
            if (pod.object().path("metadata").has("deletionTimestamp")) {
                continue;
            }
            for (JsonNode c : pod.object().path("spec").path("containers")) {
                String container = c.path("name").asString();
                long up = logs.uptimeSeconds(pod, container);
                if (up < 0) {
                    continue;
                }
                String key = pod.uid() + "/" + container;
                long from = shipped.getOrDefault(key, Math.max(0, up - 5));
                for (PodLogSource.LogLine l : logs.between(pod, container, from, up)) {
                    fluency.emit("kube." + pod.namespace() + "." + pod.name() + "." + container,
                            EventTime.fromEpoch(l.time().getEpochSecond(), l.time().getNano()),
                            record(pod, container, l.text()));
                }
                seen.put(key, Math.max(from, up));
            }
        }
        shipped.clear();
        shipped.putAll(seen);
    }

    private static Map<String, Object> record(Stored pod, String container, String line) {
        JsonNode meta = pod.object().path("metadata");
        Map<String, Object> labels = new LinkedHashMap<>();
        meta.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        Map<String, Object> k8s = new LinkedHashMap<>();
        k8s.put("pod_name", pod.name());
        k8s.put("namespace_name", pod.namespace());
        k8s.put("container_name", container);
        k8s.put("pod_id", pod.uid());
        k8s.put("host", pod.object().path("spec").path("nodeName").asString());
        k8s.put("labels", labels);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("log", line + "\n");
        r.put("stream", line.startsWith("level=error") ? "stderr" : "stdout");
        r.put("kubernetes", k8s);
        return r;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            fluency.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing Fluency", e);
        }
    }
}
