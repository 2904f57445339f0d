package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.api.ResourceKind;
import io.flightdeck.sandbox.sim.EndpointsRenderer.PodView;
import io.flightdeck.sandbox.store.Admission;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import io.flightdeck.sandbox.store.Watch;
import io.flightdeck.sandbox.store.WatchSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Service side of the sandbox: ClusterIP allocation ({@link #admission()}), and the endpoints and endpointslice
 * controllers, which keep a v1 Endpoints object and discovery.k8s.io/v1 EndpointSlices per Service with a selector,
 * following the ready, not-ready and terminating pods it selects.
 *
 * <p>One daemon thread, {@code sandbox-endpoints}, owns the indexes: Services per namespace with the pods each selects,
 * so a pod change only re-syncs the Services that select it (before or after the change), and a sync only rewrites
 * the slices whose endpoints changed. Watch sinks queue changes for it; the Service sink also keeps the admission's
 * allocation table exact, under the store's lock.
 */
public final class ServiceController implements AutoCloseable {

    static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    static final String CONTROLLER_NAME = "endpointslice-controller.k8s.io";
    static final String SERVICE_NAME = "kubernetes.io/service-name";
    static final String HEADLESS = "service.kubernetes.io/headless";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceController.class);
    /** Changes arriving within this period are handled in one batch, as the controllers' batch period does. */
    private static final long BATCH_PERIOD_MILLIS = 5;
    private static final LabelSelector OUR_SLICES = LabelSelector.parse(MANAGED_BY + "=" + CONTROLLER_NAME);

    private record Change(ResourceKind kind, String type, Stored object) {
    }

    private record Rewatch(ResourceKind kind) {
    }

    private final ObjectStore store;
    private final EndpointsWriter writer;
    private final ServiceAdmission admission = new ServiceAdmission();
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Map<String, Map<String, ServiceEntry>> services = new HashMap<>();
    private final Map<String, Map<String, PodView>> pods = new HashMap<>();
    private final Map<String, List<Stored>> orphanSlices = new HashMap<>();
    private final Set<ServiceEntry> dirty = new LinkedHashSet<>();
    private final Map<ResourceKind, Watch> watches = new HashMap<>();
    private final Map<ResourceKind, Long> lastRv = new HashMap<>();
    private volatile boolean running;
    private Thread thread;

    public ServiceController(ObjectStore store) {
        this.store = store;
        this.writer = new EndpointsWriter(store);
    }

    /** Service defaulting and ClusterIP allocation; add it to the store before any Service is created. */
    public Admission admission() {
        return admission;
    }

    /** Opens the Service, pod and EndpointSlice watches and starts the {@code sandbox-endpoints} thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (Stored s : store.all(Kinds.ENDPOINT_SLICE, null)) {
            if (OUR_SLICES.matches(s.object())) {
                String svc = s.object().path("metadata").path("labels").path(SERVICE_NAME).asString("");
                orphanSlices.computeIfAbsent(s.namespace() + "/" + svc, k -> new ArrayList<>()).add(s);
            }
        }
        open(Kinds.SERVICE, 0);
        open(Kinds.POD, 0);
        open(Kinds.ENDPOINT_SLICE, store.resourceVersion());
        thread = new Thread(this::run, "sandbox-endpoints");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void close() {
        running = false;
        watches.values().forEach(Watch::close);
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void open(ResourceKind kind, long from) {
        LabelSelector sel = kind == Kinds.ENDPOINT_SLICE ? OUR_SLICES : LabelSelector.EVERYTHING;
        watches.put(kind, store.watch(kind, null, sel, FieldSelector.EVERYTHING, from, new WatchSink() {
            @Override
            public boolean offer(String type, Stored object) {
                if (kind == Kinds.SERVICE) {
                    admission.observe(type, object);
                }
                return inbox.offer(new Change(kind, type, object));
            }

            @Override
            public void closed(String reason) {
                inbox.offer(new Rewatch(kind));
            }
        }));
    }

    private void run() {
        List<Object> batch = new ArrayList<>();
        while (running) {
            try {
                Object first = inbox.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                Thread.sleep(BATCH_PERIOD_MILLIS);
                inbox.drainTo(batch, 50_000);
                for (Object work : batch) {
                    handle(work);
                }
                batch.clear();
                for (ServiceEntry svc : new ArrayList<>(dirty)) {
                    try {
                        sync(svc);
                    } catch (RuntimeException e) {
                        LOG.error("sandbox endpoints: service {}/{} not synced", svc.namespace, svc.name, e);
                    }
                }
                dirty.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("sandbox endpoints: a batch failed", e);
                batch.clear();
            }
        }
    }

    private void handle(Object work) {
        if (work instanceof Change c) {
            lastRv.merge(c.kind(), c.object().resourceVersion(), Math::max);
            if (c.kind() == Kinds.SERVICE) {
                onService(c.type(), c.object());
            } else if (c.kind() == Kinds.POD) {
                onPod(c.type(), c.object());
            } else {
                onSlice(c.type(), c.object());
            }
        } else if (work instanceof Rewatch r) {
            rewatch(r.kind());
        }
    }

    private void onService(String type, Stored s) {
        Map<String, ServiceEntry> inNs = services.computeIfAbsent(s.namespace(), k -> new HashMap<>());
        ServiceEntry svc = inNs.get(s.name());
        if (type.equals("DELETED")) {
            if (svc != null && svc.uid.equals(s.uid())) {
                inNs.remove(s.name());
                dirty.remove(svc);
                writer.cleanUp(svc, true);
            }
            return;
        }
        if (svc != null && !svc.uid.equals(s.uid())) {
            writer.cleanUp(svc, false);
            svc = null;
        }
        boolean fresh = svc == null;
        if (fresh) {
            svc = new ServiceEntry(s);
            inNs.put(s.name(), svc);
            adoptSlices(svc);
        }
        if (!svc.update(s) && !fresh) {
            return;
        }
        svc.members.clear();
        for (Map.Entry<String, PodView> p : pods.getOrDefault(s.namespace(), Map.of()).entrySet()) {
            if (svc.selects(p.getValue().labels())) {
                svc.members.add(p.getKey());
            }
        }
        svc.full = true;
        dirty.add(svc);
    }

    private void adoptSlices(ServiceEntry svc) {
        List<Stored> found = orphanSlices.remove(svc.namespace + "/" + svc.name);
        if (found == null) {
            return;
        }
        for (Stored s : found) {
            JsonNode owner = s.object().path("metadata").path("ownerReferences").path(0);
            if (owner.isMissingNode() || svc.uid.equals(owner.path("uid").asString())) {
                JsonNode ports = s.object().path("ports");
                svc.slices.adopt(s.name(), ports.isArray() ? (ArrayNode) ports : null, s.object().path("endpoints"));
            }
        }
    }

    private void onPod(String type, Stored s) {
        Map<String, PodView> inNs = pods.computeIfAbsent(s.namespace(), k -> new HashMap<>());
        PodView old = inNs.get(s.name());
        PodView now = null;
        if (type.equals("DELETED")) {
            if (old == null || !old.uid().equals(s.uid())) {
                return;
            }
            inNs.remove(s.name());
        } else {
            now = PodView.of(s);
            inNs.put(s.name(), now);
        }
        for (ServiceEntry svc : services.getOrDefault(s.namespace(), Map.of()).values()) {
            boolean was = svc.members.contains(s.name());
            boolean is = now != null && svc.selects(now.labels());
            if (is) {
                svc.members.add(s.name());
            } else {
                svc.members.remove(s.name());
            }
            if ((was || is) && (was != is || now == null || !now.sameEndpoint(old))) {
                svc.dirtyPods.add(s.name());
                dirty.add(svc);
            }
        }
    }

    private void onSlice(String type, Stored s) {
        String svcName = s.object().path("metadata").path("labels").path(SERVICE_NAME).asString("");
        ServiceEntry svc = services.getOrDefault(s.namespace(), Map.of()).get(svcName);
        if (svc == null) {
            return;
        }
        for (ServiceSlices.Slice slice : svc.slices.slices()) {
            if (s.name().equals(slice.name)) {
                if (s.resourceVersion() == slice.writtenRv) {
                    return;
                }
                if (type.equals("DELETED")) {
                    svc.slices.forget(s.name());
                    svc.full = true;
                } else {
                    svc.slices.touchAll();
                }
                dirty.add(svc);
                return;
            }
        }
    }

    private void sync(ServiceEntry svc) {
        if (!svc.managed) {
            if (!svc.slices.slices().isEmpty()) {
                writer.cleanUp(svc, false);
                svc.slices = new ServiceSlices();
            }
            return;
        }
        Set<String> names = svc.full ? new HashSet<>(svc.members) : svc.dirtyPods;
        if (svc.full) {
            names.addAll(svc.slices.pods());
        }
        Map<String, PodView> inNs = pods.getOrDefault(svc.namespace, Map.of());
        for (String name : names) {
            PodView view = inNs.get(name);
            if (view != null && svc.members.contains(name) && view.eligible()) {
                svc.slices.put(name, EndpointsRenderer.ports(svc.ports, view),
                        EndpointsRenderer.endpoint(svc.namespace, name, view, svc.publishNotReady));
            } else {
                svc.slices.remove(name);
            }
        }
        svc.dirtyPods.clear();
        boolean full = svc.full;
        svc.full = false;
        svc.slices.compact();
        if (writer.writeSlices(svc) || full) {
            writer.writeEndpoints(svc);
        }
    }

    /** A watch ended: resume it from the last change seen, or relist and drop what no longer exists. */
    private void rewatch(ResourceKind kind) {
        if (!running) {
            return;
        }
        try {
            open(kind, kind == Kinds.ENDPOINT_SLICE ? store.resourceVersion() : lastRv.getOrDefault(kind, 0L));
            if (kind == Kinds.ENDPOINT_SLICE) {
                services.values().forEach(m -> m.values().forEach(s -> {
                    s.slices.touchAll();
                    dirty.add(s);
                }));
            }
            return;
        } catch (ApiException e) {
            LOG.info("sandbox endpoints: {} watch cannot resume ({}), relisting", kind.plural(), e.getMessage());
        }
        if (kind == Kinds.SERVICE) {
            admission.clear();
        }
        open(kind, 0);
        if (kind == Kinds.SERVICE) {
            for (Map<String, ServiceEntry> inNs : services.values()) {
                for (ServiceEntry svc : new ArrayList<>(inNs.values())) {
                    Stored s = store.get(Kinds.SERVICE, svc.namespace, svc.name);
                    if (s == null || !s.uid().equals(svc.uid)) {
                        inNs.remove(svc.name);
                        dirty.remove(svc);
                        writer.cleanUp(svc, s == null);
                    }
                }
            }
        } else if (kind == Kinds.POD) {
            for (Map.Entry<String, Map<String, PodView>> inNs : pods.entrySet()) {
                for (Map.Entry<String, PodView> p : new ArrayList<>(inNs.getValue().entrySet())) {
                    Stored s = store.get(Kinds.POD, inNs.getKey(), p.getKey());
                    if (s == null || !s.uid().equals(p.getValue().uid())) {
                        inNs.getValue().remove(p.getKey());
                        for (ServiceEntry svc : services.getOrDefault(inNs.getKey(), Map.of()).values()) {
                            if (svc.members.remove(p.getKey())) {
                                svc.dirtyPods.add(p.getKey());
                                dirty.add(svc);
                            }
                        }
                    }
                }
            }
        }
    }
}
