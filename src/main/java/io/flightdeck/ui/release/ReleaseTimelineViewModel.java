package io.flightdeck.ui.release;

import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.WorkloadKey;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The timeline of one Deployment: its kept revisions and its releases' events as markers on a time axis (position 0
 * to 1 between the first and the last), the differences of a selected revision from the current one, and "Roll back
 * to this revision" after confirmation. Loading and rolling back run on the background executor; results come back
 * through the FX executor. Properties on the FX thread; tests pass direct executors.
 */
public final class ReleaseTimelineViewModel {

    /** Rolls the target back to a revision; {@code (t, r) -> engine.rollback(t, r)} in the application. */
    @FunctionalInterface
    public interface RollBack {
        Object rollback(WorkloadKey target, long revision);
    }

    /** A marker on the axis: a revision (then {@code revision} is set) or a release event. */
    public record Marker(Instant time, double position, String label, RevisionDetail revision, ReleaseEvent event) {
    }

    private final WorkloadKey target;
    private final RevisionSource source;
    private final RollBack rollBack;
    private final Confirmer confirmer;
    private final Executor background;
    private final Executor fx;
    private final ObservableList<Marker> markers = FXCollections.observableArrayList();
    private final ObjectProperty<RevisionDetail> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> differences = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper canRollBack = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private List<RevisionDetail> revisions = List.of();

    public ReleaseTimelineViewModel(WorkloadKey target, RevisionSource source, RollBack rollBack, Confirmer confirmer,
                                    Executor background, Executor fx) {
        this.target = Objects.requireNonNull(target);
        this.source = Objects.requireNonNull(source);
        this.rollBack = Objects.requireNonNull(rollBack);
        this.confirmer = Objects.requireNonNull(confirmer);
        this.background = Objects.requireNonNull(background);
        this.fx = Objects.requireNonNull(fx);
        selected.addListener((o, was, now) -> showSelection());
    }

    /** Reads revisions and events again, off the FX thread. */
    public void reload() {
        background.execute(() -> {
            try {
                List<RevisionDetail> r = source.revisions(target);
                List<ReleaseEvent> e = source.releaseEvents(target);
                fx.execute(() -> show(r, e));
            } catch (RuntimeException ex) {
                fx.execute(() -> status.set("Could not read revisions: " + ReleaseWizardViewModel.message(ex)));
            }
        });
    }

    void show(List<RevisionDetail> r, List<ReleaseEvent> events) {
        revisions = List.copyOf(r);
        List<Marker> out = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        r.forEach(x -> times.add(x.created()));
        events.forEach(x -> times.add(x.time()));
        Instant first = times.stream().min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        Instant last = times.stream().max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        double span = Math.max(1, last.toEpochMilli() - first.toEpochMilli());
        for (RevisionDetail x : r) {
            out.add(new Marker(x.created(), (x.created().toEpochMilli() - first.toEpochMilli()) / span,
                    "revision " + x.number(), x, null));
        }
        for (ReleaseEvent x : events) {
            out.add(new Marker(x.time(), (x.time().toEpochMilli() - first.toEpochMilli()) / span,
                    x.action() + " " + x.outcome(), null, x));
        }
        out.sort(Comparator.comparing(Marker::time));
        markers.setAll(out);
        RevisionDetail keep = selected.get();
        selected.set(keep == null ? null : r.stream().filter(x -> x.number() == keep.number()).findFirst()
                .orElse(null));
        showSelection();
    }

    private RevisionDetail current() {
        return revisions.isEmpty() ? null : revisions.getLast();
    }

    private void showSelection() {
        RevisionDetail s = selected.get();
        RevisionDetail now = current();
        if (s == null || now == null) {
            differences.clear();
            canRollBack.set(false);
            return;
        }
        if (s.number() == now.number()) {
            differences.setAll(List.of("the current revision"));
            canRollBack.set(false);
            return;
        }
        List<String> d = now.differencesFrom(s);
        differences.setAll(d.isEmpty() ? List.of("same images, env and resources as the current revision")
                : d);
        canRollBack.set(true);
    }

    /** Rolls back to the selected revision after confirmation; returns whether it was sent. */
    public boolean rollBackToSelected() {
        RevisionDetail s = selected.get();
        if (s == null || !canRollBack.get() || !confirmer.confirm("Roll back", "Roll " + target
                + " back to revision " + s.number() + "? Its pod template replaces the current one.")) {
            return false;
        }
        canRollBack.set(false);
        status.set("Rolling back to revision " + s.number() + "…");
        background.execute(() -> {
            try {
                Object result = rollBack.rollback(target, s.number());
                fx.execute(() -> {
                    status.set("Roll back to revision " + s.number() + ": " + result);
                    reload();
                });
            } catch (RuntimeException ex) {
                fx.execute(() -> {
                    status.set("Roll back refused: " + ReleaseWizardViewModel.message(ex));
                    showSelection();
                });
            }
        });
        return true;
    }

    public ObservableList<Marker> markers() {
        return markers;
    }

    public ObjectProperty<RevisionDetail> selectedProperty() {
        return selected;
    }

    /** What the current revision changes relative to the selected one, one line each ("~ image app: a -> b"). */
    public ObservableList<String> differences() {
        return differences;
    }

    public ReadOnlyBooleanProperty canRollBackProperty() {
        return canRollBack.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
