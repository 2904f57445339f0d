package io.flightdeck.ui.workloads;

import io.flightdeck.cluster.ClusterState;
import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.EventSnapshot;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.WorkloadDetail;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A cluster state that tests change by hand, from any thread: Deployments, their pods and events, and the connection.
 * Every change bumps the version, as the real one does. Counts reads, so tests can check the UI reads only on change.
 */
final class FakeClusterState implements ClusterState {

    private final Map<WorkloadKey, WorkloadSnapshot> workloads = new TreeMap<>();
    private final Map<WorkloadKey, Map<String, PodSnapshot>> pods = new TreeMap<>();
    private final Map<WorkloadKey, List<EventSnapshot>> events = new TreeMap<>();
    private ConnectionStatus connection = new ConnectionStatus(ConnectionStatus.State.CONNECTED, "fake", "", null);
    private long version = 1;
    final AtomicInteger workloadReads = new AtomicInteger();
    final AtomicInteger detailReads = new AtomicInteger();

    @Override
    public synchronized long version() {
        return version;
    }

    @Override
    public synchronized List<WorkloadSnapshot> workloads() {
        workloadReads.incrementAndGet();
        return List.copyOf(workloads.values());
    }

    @Override
    public synchronized Optional<WorkloadDetail> detail(WorkloadKey key) {
        detailReads.incrementAndGet();
        WorkloadSnapshot w = workloads.get(key);
        if (w == null) {
            return Optional.empty();
        }
        return Optional.of(new WorkloadDetail(w, List.copyOf(pods.getOrDefault(key, Map.of()).values()),
                List.copyOf(events.getOrDefault(key, List.of()))));
    }

    @Override
    public synchronized ConnectionStatus connection() {
        return connection;
    }

    synchronized void put(WorkloadSnapshot w) {
        workloads.put(w.key(), w);
        version++;
    }

    synchronized void remove(WorkloadKey key) {
        workloads.remove(key);
        pods.remove(key);
        version++;
    }

    synchronized WorkloadSnapshot workload(WorkloadKey key) {
        return workloads.get(key);
    }

    synchronized void pods(WorkloadKey key, List<PodSnapshot> list) {
        Map<String, PodSnapshot> byName = new LinkedHashMap<>();
        list.forEach(p -> byName.put(p.name(), p));
        pods.put(key, byName);
        version++;
    }

    synchronized List<PodSnapshot> pods(WorkloadKey key) {
        return List.copyOf(pods.getOrDefault(key, Map.of()).values());
    }

    /** Replaces the pod named {@code name} by what {@code change} makes of it, with a new resourceVersion. */
    synchronized void changePod(WorkloadKey key, String name, UnaryOperator<PodSnapshot> change) {
        pods.get(key).computeIfPresent(name, (n, p) -> Pods.withVersion(change.apply(p), Long.toString(version + 1)));
        version++;
    }

    synchronized void events(WorkloadKey key, List<EventSnapshot> list) {
        events.put(key, List.copyOf(list));
        version++;
    }

    synchronized void connection(ConnectionStatus status) {
        connection = status;
        version++;
    }

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    static Instant t0() {
        return T0;
    }
}
