package io.flightdeck.ui.signals;

import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import io.flightdeck.signals.TrafficReading;
import io.flightdeck.signals.VersionTraffic;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The tiles of the selected Deployment, stable against its canary (or green) version: request rate, success rate,
 * p99 latency (from {@link TrafficReading}s), ready pods (from the release in flight, else the cluster's
 * Deployments) and the current weight, each with a bounded sparkline per version; plus one {@link GateTile} per
 * analysis step of the release in flight. A value without data reads "no data", never a number. FX thread (or a
 * test thread); needs no running toolkit.
 */
public final class SignalTilesViewModel {

    public static final String NO_DATA = "no data";
    public static final String REQUESTS = "requests";
    public static final String SUCCESS = "success";
    public static final String P99 = "p99";
    public static final String READY = "ready";
    public static final String WEIGHT = "weight";

    private final ReadOnlyObjectWrapper<List<SignalTile>> tiles = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<GateTile>> gates = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("Select a Deployment");
    private final Sparks sparks = new Sparks();
    private WorkloadKey key;

    /** Starts over for another Deployment (null: none). */
    public void select(WorkloadKey next) {
        key = next;
        sparks.clear();
        tiles.set(List.of());
        gates.set(List.of());
        problem.set("");
        heading.set(next == null ? "Select a Deployment" : "Signals of " + next.namespace() + "/" + next.name());
    }

    public WorkloadKey selected() {
        return key;
    }

    /**
     * Shows one reading: the traffic (null before the first one), the release in flight, and the Deployments of the
     * app as the cluster reports them (the stable one and its -canary/-green, when they exist).
     */
    public void apply(TrafficReading reading, Optional<ReleaseSnapshot> release, List<WorkloadSnapshot> workloads) {
        if (key == null) {
            return;
        }
        String app = io.flightdeck.signals.TrafficSignals.appOf(key.name());
        String newTrack = newTrack(app, reading, release, workloads);
        List<String> tracks = newTrack == null ? List.of("stable") : List.of("stable", newTrack);
        List<SignalTile> out = new ArrayList<>();
        String note = reading == null ? "reading…" : reading.problem().isEmpty() ? "last " + window() : "";
        out.add(traffic(REQUESTS, "Request rate", tracks, reading, VersionTraffic::requestRate,
                v -> String.format(Locale.ROOT, "%.1f req/s", v), note));
        out.add(traffic(SUCCESS, "Success rate", tracks, reading, VersionTraffic::successRate,
                v -> String.format(Locale.ROOT, "%.2f %%", v * 100), note));
        out.add(traffic(P99, "p99 latency", tracks, reading, VersionTraffic::p99Seconds,
                v -> String.format(Locale.ROOT, "%.0f ms", v * 1000), note));
        out.add(ready(app, tracks, release, workloads));
        out.add(weight(tracks, release));
        tiles.set(List.copyOf(out));
        gates.set(release.map(GateTiles::of).orElse(List.of()));
        problem.set(reading == null ? "" : reading.problem());
    }

    private static String window() {
        return io.flightdeck.signals.analysis.BuiltInTemplates.windowLength(
                io.flightdeck.signals.TrafficSignals.GATE_INTERVAL).toSeconds() + " s";
    }

    private static String newTrack(String app, TrafficReading reading, Optional<ReleaseSnapshot> release,
                                   List<WorkloadSnapshot> workloads) {
        if (release.isPresent()) {
            for (ReleaseSnapshot.VersionPods v : release.get().versions()) {
                if (!v.track().equals("stable")) {
                    return v.track();
                }
            }
        }
        for (String t : List.of("canary", "green")) {
            if (workloads.stream().anyMatch(w -> w.key().name().equals(app + "-" + t))
                    || reading != null && reading.track(t).isPresent()) {
                return t;
            }
        }
        return null;
    }

    private SignalTile traffic(String id, String title, List<String> tracks, TrafficReading reading,
                               ToDoubleFunction<VersionTraffic> value, java.util.function.DoubleFunction<String> fmt,
                               String note) {
        List<SignalTile.Row> rows = new ArrayList<>();
        for (String t : tracks) {
            double v = reading == null ? Double.NaN
                    : reading.track(t).map(value::applyAsDouble).orElse(Double.NaN);
            boolean none = Double.isNaN(v);
            rows.add(new SignalTile.Row(t, none ? NO_DATA : fmt.apply(v), none, sparks.add(id, t, v)));
        }
        return new SignalTile(id, title, rows, note);
    }

    private SignalTile ready(String app, List<String> tracks, Optional<ReleaseSnapshot> release,
                             List<WorkloadSnapshot> workloads) {
        List<SignalTile.Row> rows = new ArrayList<>();
        for (String t : tracks) {
            String name = t.equals("stable") ? app : app + "-" + t;
            Optional<int[]> counts = release.flatMap(r -> r.versions().stream().filter(v -> v.track().equals(t))
                    .findFirst().map(v -> new int[]{v.ready(), v.desired()}));
            if (counts.isEmpty()) {
                counts = workloads.stream().filter(w -> w.key().name().equals(name)).findFirst()
                        .map(w -> new int[]{w.ready(), w.desired()});
            }
            double v = counts.map(c -> (double) c[0]).orElse(Double.NaN);
            rows.add(new SignalTile.Row(t, counts.map(c -> c[0] + " / " + c[1]).orElse(NO_DATA), counts.isEmpty(),
                    sparks.add(READY, t, v)));
        }
        return new SignalTile(READY, "Ready pods", rows, "ready / desired");
    }

    private SignalTile weight(List<String> tracks, Optional<ReleaseSnapshot> release) {
        int w = release.map(ReleaseSnapshot::weight).orElse(-1);
        List<SignalTile.Row> rows = new ArrayList<>();
        for (String t : tracks) {
            double v = w < 0 ? Double.NaN : t.equals("stable") ? 100 - w : w;
            boolean none = Double.isNaN(v);
            rows.add(new SignalTile.Row(t, none ? NO_DATA : String.format(Locale.ROOT, "%.0f %%", v), none,
                    sparks.add(WEIGHT, t, v)));
        }
        String note = release.isEmpty() ? "no release in flight"
                : release.get().phase().terminal() ? "release " + release.get().phase().name().toLowerCase(Locale.ROOT)
                : w < 0 ? "this strategy has no weight" : "share of traffic";
        return new SignalTile(WEIGHT, "Weight", rows, note);
    }

    public ReadOnlyObjectProperty<List<SignalTile>> tilesProperty() {
        return tiles.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<GateTile>> gatesProperty() {
        return gates.getReadOnlyProperty();
    }

    /** Why there are no numbers ("" when the metrics source answers). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }
}
