package io.flightdeck.ui.workloads;

import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.Revision;
import io.flightdeck.model.WorkloadSnapshot;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pod grid of the selected Deployment: its pods as {@link PodCell}s grouped by revision, newest revision first,
 * and the selected pod. A pod snapshot that is the same instance at the same place as on the last tick is skipped
 * with one comparison of references (ClusterState keeps the instances of unchanged pods); any other is made into a
 * cell, which replaces the old one only if it differs (a probe's health can change with an Event while the pod's
 * resourceVersion does not). Groups are rebuilt and sorted only when pods come, go or change revision.
 * FX thread or a test thread.
 */
public final class PodGridViewModel {

    private static final Comparator<PodCell> BY_NAME = Comparator.comparing(PodCell::name);

    private final ReadOnlyObjectWrapper<List<PodGroup>> groups = new ReadOnlyObjectWrapper<>(List.of());
    private final StringProperty selectedPod = new SimpleStringProperty(this, "selectedPod");
    private Map<String, PodCell> byUid = new HashMap<>();
    private Map<String, PodCell> byName = new HashMap<>();
    private List<PodSnapshot> lastPods = List.of();
    private List<Revision> revisions = List.of();

    /**
     * Shows the pods of {@code workload} (an immutable list, as ClusterState gives); returns whether the groups
     * changed. When only cells changed (same pods, same
     * revisions, no pod moved revision), the groups keep their order and only the changed cells are swapped in; a pod
     * added or removed regroups and sorts.
     */
    public boolean show(WorkloadSnapshot workload, List<PodSnapshot> pods) {
        List<Revision> nextRevisions = workload == null ? List.of() : workload.revisions();
        boolean regroup = pods.size() != byUid.size() || !nextRevisions.equals(revisions);
        boolean aligned = pods.size() == lastPods.size();
        Map<String, PodCell> replaced = new HashMap<>();
        List<PodCell> changedByUid = new ArrayList<>();
        List<String> changedUids = new ArrayList<>();
        for (int i = 0; i < pods.size() && !regroup; i++) {
            PodSnapshot pod = pods.get(i);
            if (aligned && pod == lastPods.get(i)) {
                continue;
            }
            PodCell cell = byUid.get(pod.uid());
            if (cell == null) {
                regroup = true;
                continue;
            }
            PodCell next = PodCell.of(pod);
            if (!next.equals(cell)) {
                regroup = !next.name().equals(cell.name()) || !Objects.equals(next.hash(), cell.hash());
                replaced.put(cell.name(), next);
                changedUids.add(pod.uid());
                changedByUid.add(next);
            }
        }
        lastPods = pods;
        if (regroup) {
            rebuild(pods);
            revisions = nextRevisions;
            regroup();
            return true;
        }
        if (replaced.isEmpty()) {
            return false;
        }
        for (int i = 0; i < changedUids.size(); i++) {
            byUid.put(changedUids.get(i), changedByUid.get(i));
        }
        swapCells(replaced);
        return true;
    }

    private void rebuild(List<PodSnapshot> pods) {
        Map<String, PodCell> next = HashMap.newHashMap(pods.size());
        for (PodSnapshot pod : pods) {
            PodCell cell = byUid.get(pod.uid());
            PodCell made = PodCell.of(pod);
            next.put(pod.uid(), made.equals(cell) ? cell : made);
        }
        byUid = next;
    }

    private void swapCells(Map<String, PodCell> replaced) {
        byName.putAll(replaced);
        List<PodGroup> next = new ArrayList<>();
        for (PodGroup group : groups.get()) {
            List<PodCell> cells = group.cells();
            boolean touched = false;
            List<PodCell> swapped = new ArrayList<>(cells.size());
            for (PodCell cell : cells) {
                PodCell now = replaced.get(cell.name());
                touched |= now != null;
                swapped.add(now != null ? now : cell);
            }
            if (!touched) {
                next.add(group);
                continue;
            }
            next.add(new PodGroup(group.revision(), group.hash(), group.label(), swapped));
        }
        groups.set(List.copyOf(next));
    }

    /** Shows no Deployment. */
    public void clear() {
        byUid = new HashMap<>();
        byName = new HashMap<>();
        lastPods = List.of();
        revisions = List.of();
        groups.set(List.of());
        selectedPod.set(null);
    }

    private void regroup() {
        Map<String, List<PodCell>> byHash = new HashMap<>();
        Map<String, PodCell> names = HashMap.newHashMap(byUid.size());
        for (PodCell cell : byUid.values()) {
            byHash.computeIfAbsent(cell.hash() == null ? "" : cell.hash(), h -> new ArrayList<>()).add(cell);
            names.put(cell.name(), cell);
        }
        List<Revision> newestFirst = new ArrayList<>(revisions);
        newestFirst.sort(Comparator.comparingLong(Revision::number).reversed());
        Map<String, PodGroup> result = new LinkedHashMap<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            Revision r = newestFirst.get(i);
            List<PodCell> cells = byHash.remove(r.podTemplateHash());
            if (cells == null && i > 0) {
                continue;
            }
            cells = cells == null ? List.of() : sorted(cells);
            String tag = r.images().isEmpty() ? "" : " · " + Ages.tag(r.images().getFirst());
            result.put(r.podTemplateHash(), new PodGroup(r.number(), r.podTemplateHash(),
                    "Revision " + r.number() + " · " + r.podTemplateHash() + tag, cells));
        }
        List<PodCell> others = new ArrayList<>();
        byHash.values().forEach(others::addAll);
        if (!others.isEmpty()) {
            others = sorted(others);
            result.put("", new PodGroup(0, "", "Pods of no known revision", others));
        }
        byName = names;
        groups.set(List.copyOf(result.values()));
    }

    private static List<PodCell> sorted(List<PodCell> cells) {
        List<PodCell> copy = new ArrayList<>(cells);
        copy.sort(BY_NAME);
        return copy;
    }

    /** The cell of the pod named {@code name}, if the grid shows it. */
    public Optional<PodCell> cell(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public int podCount() {
        return byName.size();
    }

    public ReadOnlyObjectProperty<List<PodGroup>> groupsProperty() {
        return groups.getReadOnlyProperty();
    }

    public StringProperty selectedPodProperty() {
        return selectedPod;
    }
}
