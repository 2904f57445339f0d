package io.flightdeck.ui.release;

import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleaseSnapshot;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The timeline of one Deployment: its kept revisions and its releases' events (read from the journals) as markers on a
 * time axis (position 0 to 1 between the first and the last), each release as a band from its first to its last
 * event; a selected event shows its actor, time, action, outcome and details (a gate's measurements); a selected
 * revision shows what differs from the current one and offers "Roll back to this revision" after confirmation.
 * Loading and rolling back run on the background executor; results come back through the FX executor. Properties on
 * the FX thread; tests pass direct executors.
 */
public final class ReleaseTimelineViewModel {

    /** Rolls the target back to a revision; {@code (t, r) -> engine.rollback(t, r)} in the application. */
    @FunctionalInterface
    public interface RollBack {
        Object rollback(WorkloadKey target, long revision);
    }

    /**
     * A marker on the axis: a revision (then {@code revision} is set) or a release event (then {@code event} and
     * {@code release} are set). {@code kind} names its look: "revision", or the event's kind (see TimelineEvents).
     */
    public record Marker(Instant time, double position, String label, RevisionDetail revision, ReleaseEvent event,
                         ReleaseSnapshot release, String kind) {

        /** The line the events list shows. */
        @Override
        public String toString() {
            return TimelineEvents.row(time, label, release == null ? "revision" : release.id());
        }
    }

    /** A release as a band on the axis, from its first to its last event. */
    public record Band(double from, double to, ReleaseSnapshot release) {
    }

    private final WorkloadKey target;
    private final RevisionSource source;
    private final RollBack rollBack;
    private final Confirmer confirmer;
    private final Executor background;
    private final Executor fx;
    private final AtomicBoolean loading = new AtomicBoolean();
    private final ObservableList<Marker> markers = FXCollections.observableArrayList();
    private final ObservableList<Marker> events = FXCollections.observableArrayList();
    private final ObservableList<Band> bands = FXCollections.observableArrayList();
    private final ObjectProperty<RevisionDetail> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<Marker> selectedEvent = new SimpleObjectProperty<>();
    private final ObservableList<String> differences = FXCollections.observableArrayList();
    private final ObservableList<String> eventDetails = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper canRollBack = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper span = new ReadOnlyStringWrapper("");
    private Instant axisFirst;
    private Instant axisLast;
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
        selectedEvent.addListener((o, was, now) -> showEvent());
    }

    /** Reads revisions and releases again, off the FX thread; a reload already under way is not doubled. */
    public void reload() {
        if (!loading.compareAndSet(false, true)) {
            return;
        }
        background.execute(() -> {
            try {
                List<RevisionDetail> r = source.revisions(target);
                List<ReleaseSnapshot> rel = source.releases(target);
                fx.execute(() -> {
                    loading.set(false);
                    show(r, rel);
                });
            } catch (RuntimeException ex) {
                fx.execute(() -> {
                    loading.set(false);
                    status.set("Could not read the timeline: " + ReleaseWizardViewModel.message(ex));
                });
            }
        });
    }

    void show(List<RevisionDetail> r, List<ReleaseSnapshot> releases) {
        revisions = List.copyOf(r);
        List<Instant> times = new ArrayList<>();
        r.forEach(x -> times.add(x.created()));
        releases.forEach(x -> x.events().forEach(e -> times.add(e.time())));
        Instant first = times.stream().min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        Instant last = times.stream().max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        double width = Math.max(1, last.toEpochMilli() - first.toEpochMilli());
        axisFirst = times.isEmpty() ? null : first;
        axisLast = times.isEmpty() ? null : last;
        List<Marker> out = new ArrayList<>();
        for (RevisionDetail x : r) {
            out.add(new Marker(x.created(), (x.created().toEpochMilli() - first.toEpochMilli()) / width,
                    "revision " + x.number(), x, null, null, "revision"));
        }
        List<Band> bandList = new ArrayList<>();
        for (ReleaseSnapshot rel : releases) {
            for (ReleaseEvent x : rel.events()) {
                out.add(new Marker(x.time(), (x.time().toEpochMilli() - first.toEpochMilli()) / width,
                        TimelineEvents.label(x), null, x, rel, TimelineEvents.kind(x)));
            }
            if (!rel.events().isEmpty()) {
                bandList.add(new Band((rel.events().getFirst().time().toEpochMilli() - first.toEpochMilli()) / width,
                        (rel.events().getLast().time().toEpochMilli() - first.toEpochMilli()) / width, rel));
            }
        }
        out.sort(Comparator.comparing(Marker::time));
        Marker keepEvent = selectedEvent.get();
        markers.setAll(out);
        events.setAll(out.stream().filter(m -> m.event() != null).toList());
        bands.setAll(bandList);
        RevisionDetail keep = selected.get();
        selected.set(keep == null ? null : r.stream().filter(x -> x.number() == keep.number()).findFirst()
                .orElse(null));
        selectedEvent.set(keepEvent == null ? null : events.stream().filter(m -> m.event().equals(keepEvent.event())
                && m.release().id().equals(keepEvent.release().id())).findFirst().orElse(null));
        showSelection();
        showEvent();
        span.set(times.isEmpty() ? "" : TimelineEvents.TIME.format(first) + "  to  " + TimelineEvents.TIME.format(last)
                + "  ·  " + r.size() + " revisions, " + releases.size() + " releases, " + events.size() + " events");
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

    private void showEvent() {
        Marker m = selectedEvent.get();
        if (m == null || m.event() == null) {
            eventDetails.clear();
            return;
        }
        eventDetails.setAll(TimelineEvents.lines(m.event(), m.release()));
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

    public WorkloadKey target() {
        return target;
    }

    /** Revisions and events, by time. */
    public ObservableList<Marker> markers() {
        return markers;
    }

    /** The release events only, by time: the events list. */
    public ObservableList<Marker> events() {
        return events;
    }

    public ObservableList<Band> bands() {
        return bands;
    }

    public ObjectProperty<RevisionDetail> selectedProperty() {
        return selected;
    }

    /** The selected release event (a marker with an event), or null. */
    public ObjectProperty<Marker> selectedEventProperty() {
        return selectedEvent;
    }

    /** What the current revision changes relative to the selected one, one line each ("~ image app: a -> b"). */
    public ObservableList<String> differences() {
        return differences;
    }

    /** The selected event: release, time, actor, action, outcome, why, then each detail, one line each. */
    public ObservableList<String> eventDetails() {
        return eventDetails;
    }

    public ReadOnlyBooleanProperty canRollBackProperty() {
        return canRollBack.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The axis' tick marks, at most {@code maxTicks}, in the local time zone; none before the first load. */
    List<TimeTicks.Tick> ticks(int maxTicks) {
        return axisFirst == null ? List.of() : TimeTicks.of(axisFirst, axisLast, maxTicks, ZoneId.systemDefault());
    }

    /** The axis' first and last time and what it shows, for its legend. */
    public ReadOnlyStringProperty spanProperty() {
        return span.getReadOnlyProperty();
    }
}
