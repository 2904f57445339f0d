package io.flightdeck.ui.release;

import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.StrategyKind;
import io.flightdeck.release.ReleaseHandle;
import io.flightdeck.release.ReleaseListener;
import io.flightdeck.ui.fx.FxBatcher;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The step-through panel of one release: the step strip, phase, weight, pods per version, the latest events, and
 * which commands may be given now. The engine's listener only stores the newest snapshot and marks the batcher; the
 * batcher's drain copies it into the properties on the FX thread ({@link #apply} does the copy and is what unit tests
 * call). Commands are queued by the handle, so they are cheap on the FX thread; abort and promote full ask the
 * {@link Confirmer} first. A handle that does not drive makes every command unavailable and says who drives.
 */
public final class ReleasePanelViewModel implements AutoCloseable {

    /** How many of the newest events the panel lists. */
    public static final int EVENTS_SHOWN = 8;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ReleaseHandle handle;
    private final Confirmer confirmer;
    private final AtomicReference<ReleaseSnapshot> latest = new AtomicReference<>();
    private final ReleaseListener listener;
    private FxBatcher.Marker marker;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper weight = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper drivenBy = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper driving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canPromote = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canPause = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canAbort = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canPromoteFull = new ReadOnlyBooleanWrapper();
    private final ObservableList<ReleaseSnapshot.StepView> steps = FXCollections.observableArrayList();
    private final ObservableList<String> versions = FXCollections.observableArrayList();
    private final ObservableList<String> events = FXCollections.observableArrayList();

    public ReleasePanelViewModel(ReleaseHandle handle, Confirmer confirmer) {
        this.handle = Objects.requireNonNull(handle);
        this.confirmer = Objects.requireNonNull(confirmer);
        this.listener = s -> {
            latest.set(s);
            FxBatcher.Marker m = marker;
            if (m != null) {
                m.markChanged();
            }
        };
    }

    /** Starts following the handle: its changes reach the properties on the batcher's next tick. Any thread. */
    public void attach(FxBatcher batcher) {
        latest.set(handle.snapshot());
        marker = batcher.register(() -> {
            ReleaseSnapshot s = latest.getAndSet(null);
            if (s != null) {
                apply(s);
            }
        });
        handle.addListener(listener);
    }

    /** Copies a snapshot into the properties. FX thread (or a test without a toolkit). */
    public void apply(ReleaseSnapshot s) {
        title.set(s.plan().strategy().kind().name().toLowerCase().replace('_', '/') + " of " + s.plan().target()
                + " to " + s.plan().change());
        phase.set(phaseText(s));
        weight.set(s.weight() < 0 ? "" : "canary weight " + s.weight() + "%");
        message.set(s.message());
        error.set(s.error());
        boolean drives = handle.driving() && s.driving();
        driving.set(drives);
        drivenBy.set(drives ? "" : s.holder().isEmpty() ? "read-only: nobody drives this release"
                : "read-only: driven by " + s.holder());
        boolean live = drives && !s.phase().terminal() && s.phase() != ReleasePhase.ABORTING && !s.aborting();
        canPromote.set(live);
        canPromoteFull.set(live);
        canPause.set(live && s.phase() == ReleasePhase.PROGRESSING);
        canResume.set(live && s.phase() == ReleasePhase.PAUSED);
        canAbort.set(drives && !s.phase().terminal() && !s.aborting());
        if (!steps.equals(s.steps())) {
            steps.setAll(s.steps());
        }
        versions.setAll(s.versions().stream().map(ReleasePanelViewModel::versionText).toList());
        List<ReleaseEvent> all = s.events();
        events.setAll(all.subList(Math.max(0, all.size() - EVENTS_SHOWN), all.size()).reversed().stream()
                .map(ReleasePanelViewModel::eventText).toList());
    }

    static String phaseText(ReleaseSnapshot s) {
        String p = s.phase().name().toLowerCase();
        if (s.aborting() && !s.phase().terminal()) {
            p = p + " (aborting)";
        }
        return s.plan().strategy().kind() == StrategyKind.ROLLING || s.steps().isEmpty() || s.phase().terminal()
                ? p : p + ", step " + Math.min(s.stepIndex() + 1, s.steps().size()) + " of " + s.steps().size();
    }

    static String versionText(ReleaseSnapshot.VersionPods v) {
        return v.track() + "  " + v.image() + "  " + v.ready() + "/" + v.desired() + " ready (" + v.deployment() + ")";
    }

    static String eventText(ReleaseEvent e) {
        String details = e.details().isEmpty() ? "" : " " + e.details();
        return TIME.format(e.time()) + "  " + e.action() + " " + e.outcome() + details;
    }

    public void promoteStep() {
        if (canPromote.get()) {
            handle.promote();
        }
    }

    public void pause() {
        if (canPause.get()) {
            handle.pause();
        }
    }

    public void resume() {
        if (canResume.get()) {
            handle.resume();
        }
    }

    /** Aborts after the operator confirms; returns whether the abort was sent. */
    public boolean abort() {
        if (canAbort.get() && confirmer.confirm("Abort", "Abort the release and put " + target()
                + " back exactly as it was before?")) {
            handle.abort();
            return true;
        }
        return false;
    }

    /** Promotes to the end after the operator confirms; returns whether the promotion was sent. */
    public boolean promoteFull() {
        if (canPromoteFull.get() && confirmer.confirm("Promote full", "Skip every remaining pause, analysis and "
                + "weight of " + target() + " and finish the release?")) {
            handle.promoteFull();
            return true;
        }
        return false;
    }

    private String target() {
        return handle.snapshot().plan().target().toString();
    }

    public ReleaseHandle handle() {
        return handle;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty weightProperty() {
        return weight.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty drivenByProperty() {
        return drivenBy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty drivingProperty() {
        return driving.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPromoteProperty() {
        return canPromote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPauseProperty() {
        return canPause.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canAbortProperty() {
        return canAbort.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPromoteFullProperty() {
        return canPromoteFull.getReadOnlyProperty();
    }

    public ObservableList<ReleaseSnapshot.StepView> steps() {
        return steps;
    }

    public ObservableList<String> versions() {
        return versions;
    }

    public ObservableList<String> events() {
        return events;
    }

    /** Stops following the handle (the handle itself stays open: its owner closes it). */
    @Override
    public void close() {
        handle.removeListener(listener);
        marker = null;
    }
}
