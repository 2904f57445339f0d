package io.flightdeck.ui.workloads;

import io.flightdeck.cluster.ClusterState;
import io.flightdeck.model.WorkloadDetail;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole workloads screen: reads the {@link ClusterState} once per tick, only when its version moved (and once a
 * second for ages), and hands what it read to the view model of each part. Selecting a Deployment or a pod refreshes
 * the parts that depend on it at once. FX thread (or a test thread); needs no running toolkit.
 */
public final class WorkloadsViewModel {

    private final Clock clock;
    private final ContextBarViewModel contextBar;
    private final ConnectionBannerViewModel banner;
    private final DeploymentListViewModel list = new DeploymentListViewModel();
    private final RevisionsViewModel revisions = new RevisionsViewModel();
    private final PodGridViewModel grid = new PodGridViewModel();
    private final PodDetailViewModel podDetail = new PodDetailViewModel();
    private final EventsViewModel events = new EventsViewModel();
    private final ReadOnlyObjectWrapper<WorkloadHeader> header = new ReadOnlyObjectWrapper<>();
    private ClusterState state;
    private long seenVersion = Long.MIN_VALUE;
    private long seenSecond = Long.MIN_VALUE;
    private WorkloadDetail detail;

    public WorkloadsViewModel(ClusterState state, ContextChooser chooser, Clock clock) {
        this.state = Objects.requireNonNull(state);
        this.clock = Objects.requireNonNull(clock);
        this.contextBar = new ContextBarViewModel(chooser);
        this.banner = new ConnectionBannerViewModel(clock.getZone());
        list.selectedProperty().addListener((obs, old, now) -> {
            grid.clear();
            refreshDetail(clock.instant());
        });
        grid.selectedPodProperty().addListener((obs, old, now) -> showPod(clock.instant()));
    }

    /** Works on another cluster state from now on (after a context or namespace switch). */
    public void attach(ClusterState next) {
        state = Objects.requireNonNull(next);
        seenVersion = Long.MIN_VALUE;
        tick();
    }

    private void switched(ClusterState next, String fromContext) {
        if (!Objects.equals(fromContext, contextBar.activeContextProperty().get())) {
            list.selectedProperty().set(null);
            list.filterProperty().set("");
        }
        attach(next);
    }

    /**
     * One tick: takes up a finished context switch, then reads the state if its version moved, or refreshes ages if a
     * second passed; the banner is checked every tick (it costs a record comparison). Returns whether it read the
     * state.
     */
    public boolean tick() {
        String context = contextBar.activeContextProperty().get();
        contextBar.takeOpened().ifPresent(next -> switched(next, context));
        long version = state.version();
        Instant now = clock.instant();
        long second = now.getEpochSecond();
        boolean moved = version != seenVersion;
        if (!moved && second == seenSecond) {
            showBanner(now);
            return false;
        }
        boolean newSecond = second != seenSecond;
        seenSecond = second;
        boolean shown = false;
        if (moved) {
            seenVersion = version;
            List<WorkloadSnapshot> workloads = state.workloads();
            if (list.show(workloads)) {
                contextBar.offerNamespaces(list.namespaces());
            }
            shown = refreshDetail(now);
        }
        if (!shown && newSecond && detail != null) {
            showDetail(detail, now);
        }
        showBanner(now);
        return moved;
    }

    private void showBanner(Instant now) {
        if (contextBar.switchingProperty().get()) {
            banner.showSwitching(contextBar.switchingToProperty().get());
        } else if (contextBar.switchErrorProperty().get() != null) {
            banner.showSwitchFailed(contextBar.switchErrorProperty().get());
        } else {
            banner.show(state.connection(), now);
        }
    }

    /** Reads the selected Deployment's detail; returns whether it showed anything anew. */
    private boolean refreshDetail(Instant now) {
        WorkloadKey key = list.selectedProperty().get();
        Optional<WorkloadDetail> next = key == null ? Optional.empty() : state.detail(key);
        if (next.isEmpty()) {
            detail = null;
            header.set(key == null ? null : WorkloadHeader.gone(key.toString()));
            revisions.show(null, now);
            grid.clear();
            podDetail.show(null, List.of(), List.of(), now);
            events.show(List.of(), now);
            return true;
        }
        if (next.get() == detail) {
            return false;
        }
        detail = next.get();
        grid.show(detail.workload(), detail.pods());
        showDetail(detail, now);
        return true;
    }

    private void showDetail(WorkloadDetail d, Instant now) {
        WorkloadHeader h = WorkloadHeader.of(d.workload());
        if (!h.equals(header.get())) {
            header.set(h);
        }
        revisions.show(d.workload(), now);
        events.show(d.events(), now);
        podDetail.show(grid.selectedPodProperty().get(), d.pods(), d.events(), now);
    }

    private void showPod(Instant now) {
        if (detail == null) {
            podDetail.show(null, List.of(), List.of(), now);
        } else {
            podDetail.show(grid.selectedPodProperty().get(), detail.pods(), detail.events(), now);
        }
    }

    public ClusterState state() {
        return state;
    }

    public ContextBarViewModel contextBar() {
        return contextBar;
    }

    public ConnectionBannerViewModel banner() {
        return banner;
    }

    public DeploymentListViewModel list() {
        return list;
    }

    public RevisionsViewModel revisions() {
        return revisions;
    }

    public PodGridViewModel grid() {
        return grid;
    }

    public PodDetailViewModel podDetail() {
        return podDetail;
    }

    public EventsViewModel events() {
        return events;
    }

    /** The heading of the centre; null when no Deployment is selected. */
    public ReadOnlyObjectProperty<WorkloadHeader> headerProperty() {
        return header.getReadOnlyProperty();
    }
}
