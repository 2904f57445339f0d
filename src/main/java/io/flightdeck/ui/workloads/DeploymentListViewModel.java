package io.flightdeck.ui.workloads;

import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The left list: all Deployments grouped by namespace, narrowed by the filter text, and the selected one. The
 * filter keeps a Deployment when every word of it occurs in "namespace/name", the image tag or the health.
 * FX thread (or a test thread); needs no running toolkit.
 */
public final class DeploymentListViewModel {

    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<WorkloadKey> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<List<NamespaceGroup>> groups = new ReadOnlyObjectWrapper<>(List.of());
    private List<WorkloadSnapshot> all = List.of();
    private Map<WorkloadKey, WorkloadSnapshot> byKey = Map.of();

    public DeploymentListViewModel() {
        filter.addListener((obs, old, now) -> regroup());
    }

    /** Takes the cluster's Deployments (sorted by namespace and name); returns whether anything shown changed. */
    public boolean show(List<WorkloadSnapshot> workloads) {
        if (sameInstances(all, workloads)) {
            return false;
        }
        all = List.copyOf(workloads);
        Map<WorkloadKey, WorkloadSnapshot> index = new LinkedHashMap<>();
        for (WorkloadSnapshot w : all) {
            index.put(w.key(), w);
        }
        byKey = index;
        regroup();
        return true;
    }

    private static boolean sameInstances(List<WorkloadSnapshot> a, List<WorkloadSnapshot> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private void regroup() {
        String[] words = filter.get() == null ? new String[0]
                : filter.get().strip().toLowerCase(Locale.ROOT).split("\\s+");
        Map<String, List<WorkloadSnapshot>> byNamespace = new LinkedHashMap<>();
        for (WorkloadSnapshot w : all) {
            if (matches(w, words)) {
                byNamespace.computeIfAbsent(w.key().namespace(), ns -> new ArrayList<>()).add(w);
            }
        }
        List<NamespaceGroup> result = new ArrayList<>();
        byNamespace.forEach((ns, list) -> result.add(new NamespaceGroup(ns, list)));
        groups.set(List.copyOf(result));
    }

    static boolean matches(WorkloadSnapshot w, String[] words) {
        String haystack = (w.key() + " " + (w.imageTag() == null ? "" : w.imageTag()) + " "
                + w.health().name()).toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (!word.isEmpty() && !haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** The Deployments that pass the filter, in list order. */
    public List<WorkloadKey> visibleKeys() {
        List<WorkloadKey> keys = new ArrayList<>();
        for (NamespaceGroup group : groups.get()) {
            group.workloads().forEach(w -> keys.add(w.key()));
        }
        return keys;
    }

    /** Selects the first Deployment that passes the filter, unless the selected one still does; true if any. */
    public boolean selectFirstVisible() {
        List<WorkloadKey> keys = visibleKeys();
        if (keys.isEmpty()) {
            return false;
        }
        if (!keys.contains(selected.get())) {
            selected.set(keys.getFirst());
        }
        return true;
    }

    /** The current row of a Deployment, if the cluster has it. */
    public Optional<WorkloadSnapshot> workload(WorkloadKey key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    /** The namespaces that hold at least one Deployment. */
    public Set<String> namespaces() {
        Set<String> names = new TreeSet<>();
        all.forEach(w -> names.add(w.key().namespace()));
        return names;
    }

    public int total() {
        return all.size();
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<WorkloadKey> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<List<NamespaceGroup>> groupsProperty() {
        return groups.getReadOnlyProperty();
    }
}
