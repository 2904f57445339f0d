package io.flightdeck.ui.signals;

import io.flightdeck.cluster.ClusterState;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import io.flightdeck.signals.TrafficReading;
import io.flightdeck.signals.TrafficSignals;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.fx.FxThread;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The signals of the selected Deployment: a row of tiles (stable against canary, gates of the release in flight)
 * over its live log tail, which takes the rest of the height. The entry point for the screen that holds it:
 * {@link #select} on the FX thread when the selection changes. Traffic and the release are read every
 * {@link SignalSources#readEvery} on the sources' scheduler, the log tail pumped every 300 ms there too; the results
 * are handed over through thread-safe references and applied to the view models on the batcher's next tick, all at
 * once. While it is not shown ({@link #setShowing}, e.g. its tab is not selected) it reads nothing: no traffic, no
 * release journal, no log tail. Built, used and closed on the FX thread.
 */
public final class SignalsPanel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SignalsPanel.class);
    /** A panel lower than this (the Signals tab of a 1280x800 window) gets lower tiles, leaving the log more lines. */
    private static final double COMPACT_BELOW = 480;

    private record Reading(WorkloadKey key, TrafficReading traffic, Optional<ReleaseSnapshot> release,
                           String metrics) {
    }

    private final SignalSources sources;
    private final Supplier<ClusterState> state;
    private final SignalTilesViewModel tiles = new SignalTilesViewModel();
    private final LogViewModel logs = new LogViewModel();
    private final AtomicReference<Reading> latest = new AtomicReference<>();
    private final javafx.beans.property.StringProperty metrics = new javafx.beans.property.SimpleStringProperty("");
    private final FxBatcher.Marker changed;
    private ScheduledFuture<?> reading;
    private ScheduledFuture<?> pumping;
    private boolean showing;
    private final Parent root;
    private volatile WorkloadKey selected;
    private LogView logView;

    /**
     * @param state the cluster state the screen shows, for the pod counts of a Deployment without a release
     */
    public SignalsPanel(SignalSources sources, Supplier<ClusterState> state, FxBatcher batcher) {
        FxThread.check();
        this.sources = Objects.requireNonNull(sources);
        this.state = Objects.requireNonNull(state);
        root = build();
        changed = batcher.register(this::drain);
        setShowing(true);
    }

    /**
     * Starts reading (traffic, the release in flight, the log tail of the selected Deployment) when shown, and stops
     * all of it when hidden. Shown from the start. FX thread.
     */
    public void setShowing(boolean show) {
        FxThread.check();
        if (show == showing) {
            return;
        }
        showing = show;
        if (show) {
            follow(selected);
            reading = sources.scheduler().scheduleWithFixedDelay(this::readSafely, 0,
                    sources.readEvery().toMillis(), TimeUnit.MILLISECONDS);
            pumping = sources.scheduler().scheduleWithFixedDelay(this::pumpSafely, 0, 300, TimeUnit.MILLISECONDS);
        } else {
            reading.cancel(false);
            pumping.cancel(false);
            sources.logs().follow(null, null);
            sources.scheduler().execute(this::pumpSafely); // the tail stops following on its next pump
        }
    }

    /** Whether it reads now. FX thread. */
    public boolean isShowing() {
        return showing;
    }

    private void follow(WorkloadKey key) {
        logs.clear();
        sources.logs().follow(key == null ? null : key.namespace(), key == null ? null : key.name());
    }

    private Parent build() {
        Label heading = new Label();
        heading.getStyleClass().add("section-title");
        heading.textProperty().bind(tiles.headingProperty());
        Label source = new Label();
        source.setId("signals-metrics");
        source.getStyleClass().add("log-source");
        source.textProperty().bind(metrics);
        javafx.scene.layout.HBox head = new javafx.scene.layout.HBox(12, heading, source);
        head.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        Label problem = new Label();
        problem.setId("signals-problem");
        problem.getStyleClass().add("signals-problem");
        problem.textProperty().bind(tiles.problemProperty());
        problem.visibleProperty().bind(tiles.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setWrapText(true);
        SignalTilesView tilesView = new SignalTilesView(tiles);
        Node tilesNode = tilesView.build();
        ScrollPane tileScroll = new ScrollPane(tilesNode);
        tileScroll.setFitToHeight(true);
        tileScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        tileScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        tileScroll.getStyleClass().add("signal-tiles-scroll");
        VBox top = new VBox(6, head, problem, tileScroll);
        top.getStyleClass().add("signals-top");
        logView = new LogView(logs);
        Node logNode = logView.build();
        VBox box = new VBox(top, logNode);
        VBox.setVgrow(logNode, Priority.ALWAYS);
        Runnable fit = () -> {
            tilesView.fit(box.getWidth() - 16, box.getHeight() > 0 && box.getHeight() < COMPACT_BELOW);
            tileScroll.setMinHeight(tilesView.tileHeight() + 4);
            tileScroll.setPrefHeight(tilesView.tileHeight() + 16);
        };
        box.widthProperty().addListener((o, old, now) -> fit.run());
        box.heightProperty().addListener((o, old, now) -> fit.run());
        fit.run();
        box.getStyleClass().add("signals");
        box.getStylesheets().add(Objects.requireNonNull(SignalsPanel.class.getResource("SignalsPanel.css"))
                .toExternalForm());
        return box;
    }

    /** Shows the signals of another Deployment (null: none). FX thread. */
    public void select(WorkloadKey key) {
        FxThread.check();
        if (Objects.equals(key, selected)) {
            return;
        }
        selected = key;
        tiles.select(key);
        if (showing) {
            follow(key);
            sources.scheduler().execute(this::readSafely);
        }
    }

    private void readSafely() {
        WorkloadKey key = selected;
        if (key == null) {
            return;
        }
        try {
            TrafficReading traffic = sources.traffic().read(key.namespace(), key.name());
            Optional<ReleaseSnapshot> release;
            try {
                release = sources.releases().inFlight(new WorkloadKey(key.namespace(),
                        TrafficSignals.appOf(key.name())));
            } catch (RuntimeException e) {
                LOG.debug("Cannot read the release in flight on {}: {}", key, e.toString());
                release = Optional.empty();
            }
            latest.set(new Reading(key, traffic, release, sources.metricsName().get()));
            changed.markChanged();
        } catch (RuntimeException e) {
            LOG.warn("Reading the signals of {} failed", key, e);
        }
    }

    private void pumpSafely() {
        try {
            sources.logs().pump();
            changed.markChanged();
        } catch (RuntimeException e) {
            LOG.warn("Reading the log tail failed", e);
        }
    }

    /** Applies what the background read, on the FX thread. */
    private void drain() {
        Reading r = latest.get();
        if (r != null && r.key().equals(tiles.selected())) {
            latest.compareAndSet(r, null);
            tiles.apply(r.traffic(), r.release(), workloads(r.key()));
            metrics.set("Metrics: " + r.metrics());
        }
        logs.accept(sources.logs().take());
    }

    private List<WorkloadSnapshot> workloads(WorkloadKey key) {
        String app = TrafficSignals.appOf(key.name());
        return state.get().workloads().stream().filter(w -> w.key().namespace().equals(key.namespace()))
                .filter(w -> w.key().name().equals(app) || w.key().name().equals(app + "-canary")
                        || w.key().name().equals(app + "-green")).toList();
    }

    public Parent root() {
        return root;
    }

    public SignalTilesViewModel tiles() {
        return tiles;
    }

    public LogViewModel logs() {
        return logs;
    }

    public LogView logView() {
        return logView;
    }

    /** Stops reading; the sources stay open (app/ owns them). */
    @Override
    public void close() {
        setShowing(false);
    }
}
