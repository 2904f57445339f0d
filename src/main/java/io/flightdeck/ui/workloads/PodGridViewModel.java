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
 * and the selected pod. Cells are rebuilt only for pods whose resourceVersion moved, and the groups only when a cell
 * or a revision changed, so a tick over thousands of unchanged pods costs one map look-up per pod.
 * FX thread or a test thread.
 */
public final class PodGridViewModel {

    private static final Comparator<PodCell> BY_NAME = Comparator.comparing(PodCell::name);

    private final ReadOnlyObjectWrapper<List<PodGroup>> groups = new ReadOnlyObjectWrapper<>(List.of());
    private final StringProperty selectedPod = new SimpleStringProperty(this, "selectedPod");
    private Map<String, PodCell> byUid = Map.of();
    private Map<String, PodCell> byName = Map.of();
    private List<Revision> revisions = List.of();

    /** Shows the pods of {@code workload}; returns whether the groups changed. */
    public boolean show(WorkloadSnapshot workload, List<PodSnapshot> pods) {
        Map<String, PodCell> nextByUid = HashMap.newHashMap(pods.size());
        boolean changed = pods.size() != byUid.size();
        for (PodSnapshot pod : pods) {
            PodCell cell = byUid.get(pod.uid());
            if (cell == null || !Objects.equals(cell.resourceVersion(), pod.resourceVersion())
                    || !cell.name().equals(pod.name())) {
                cell = PodCell.of(pod);
                changed = true;
            }
            nextByUid.put(pod.uid(), cell);
        }
        List<Revision> nextRevisions = workload == null ? List.of() : workload.revisions();
        if (!changed && nextRevisions.equals(revisions)) {
            return false;
        }
        byUid = nextByUid;
        revisions = nextRevisions;
        regroup();
        return true;
    }

    /** Shows no Deployment. */
    public void clear() {
        byUid = Map.of();
        byName = Map.of();
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
                    "Revision " + r.number() + " · " + r.podTemplateHash() + tag + " · " + readiness(cells), cells));
        }
        List<PodCell> others = new ArrayList<>();
        byHash.values().forEach(others::addAll);
        if (!others.isEmpty()) {
            others = sorted(others);
            result.put("", new PodGroup(0, "", "Pods of no known revision · " + readiness(others), others));
        }
        byName = names;
        groups.set(List.copyOf(result.values()));
    }

    private static List<PodCell> sorted(List<PodCell> cells) {
        List<PodCell> copy = new ArrayList<>(cells);
        copy.sort(BY_NAME);
        return copy;
    }

    private static String readiness(List<PodCell> cells) {
        if (cells.isEmpty()) {
            return "no pods";
        }
        long ready = cells.stream().filter(PodCell::ready).count();
        return ready + "/" + cells.size() + " ready";
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
