package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.store.DeleteOptions;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import io.flightdeck.sandbox.store.Watch;
import io.flightdeck.sandbox.store.WatchSink;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * A stand-in kubelet for controller tests, on its own thread: marks each new pod Running and Ready at once (unless
 * {@code becomesReady} says no, e.g. for a "-noready" image) and removes terminating pods at once (if asked to).
 */
final class TestKubelet implements AutoCloseable {

    private final ObjectStore store;
    private final SandboxClock clock;
    private final Predicate<JsonNode> becomesReady;
    private final boolean removeTerminating;
    private final LinkedBlockingQueue<String> keys = new LinkedBlockingQueue<>();
    private final Watch watch;
    private final Thread thread;
    private volatile boolean stopped;

    TestKubelet(ObjectStore store, SandboxClock clock, Predicate<JsonNode> becomesReady, boolean removeTerminating) {
        this.store = store;
        this.clock = clock;
        this.becomesReady = becomesReady;
        this.removeTerminating = removeTerminating;
        this.watch = store.watch(Kinds.POD, null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0,
                new WatchSink() {
                    @Override
                    public boolean offer(String type, Stored object) {
                        if (!type.equals("DELETED")) {
                            keys.add(object.namespace() + "/" + object.name());
                        }
                        return true;
                    }

                    @Override
                    public void closed(String reason) {
                    }
                });
        this.thread = new Thread(this::run, "test-kubelet");
        thread.setDaemon(true);
        thread.start();
    }

    /** Ready unless the first container's image ends in "-noready". */
    static boolean readyUnlessNoReadyImage(JsonNode pod) {
        return !pod.path("spec").path("containers").path(0).path("image").asString().endsWith("-noready");
    }

    private void run() {
        while (!stopped) {
            String key;
            try {
                key = keys.take();
            } catch (InterruptedException e) {
                return;
            }
            int slash = key.indexOf('/');
            String ns = key.substring(0, slash);
            String name = key.substring(slash + 1);
            Stored pod = store.get(Kinds.POD, ns, name);
            if (pod == null) {
                continue;
            }
            try {
                if (Pods.isTerminating(pod.object())) {
                    if (!removeTerminating) {
                        continue;
                    }
                    store.delete(Kinds.POD, ns, name, DeleteOptions.now());
                } else if (!Pods.isReady(pod.object()) && becomesReady.test(pod.object())) {
                    store.modify(Kinds.POD, ns, name, this::markReady, true, false);
                }
            } catch (ApiException gone) {
                // deleted meanwhile
            }
        }
    }

    private ObjectNode markReady(ObjectNode pod) {
        if (Pods.isTerminating(pod)) {
            return pod;
        }
        String now = Json.time(clock.now());
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Running");
        ArrayNode conditions = status.putArray("conditions");
        for (String type : new String[]{"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
                "PodScheduled"}) {
            conditions.addObject().put("type", type).put("status", "True").put("lastTransitionTime", now);
        }
        status.put("qosClass", "BestEffort");
        status.put("podIP", "10.244.0.10");
        status.put("startTime", now);
        ArrayNode cs = status.putArray("containerStatuses");
        for (JsonNode c : pod.path("spec").path("containers")) {
            ObjectNode s = cs.addObject();
            s.put("name", c.path("name").asString());
            s.put("image", c.path("image").asString());
            s.put("ready", true);
            s.put("started", true);
            s.put("restartCount", 0);
            s.putObject("state").putObject("running").put("startedAt", now);
        }
        Json.metadata(pod).remove("resourceVersion");
        return pod;
    }

    @Override
    public void close() {
        stopped = true;
        watch.close();
        thread.interrupt();
    }
}
