package io.flightdeck.ui.wall;

import io.flightdeck.cluster.ClusterState;
import io.flightdeck.model.NamespaceSelection;
import io.flightdeck.model.WorkloadSnapshot;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.fx.FxThread;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.event.Event;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/**
 * Wall mode: a full-screen, read-only window that shows the {@link WallFeed}'s releases and the cluster's service
 * health. The feed marks the batcher when a journal changes, and a one-second timer marks it for the clock, the data's
 * age and the cycling, so an abort in a journal reaches the screen on the next tick after the feed reads it. Every key
 * is swallowed except the ones that leave wall mode (F11, Ctrl+Shift+W). FX thread.
 */
public final class WallScreen implements AutoCloseable {

    /** The keys that enter and leave wall mode. */
    public static final List<KeyCombination> TOGGLE = List.of(new KeyCodeCombination(KeyCode.F11),
            new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));

    private final WallFeed feed;
    private final ClusterState cluster;
    private final Supplier<NamespaceSelection> namespaces;
    private final Supplier<String> title;
    private final Clock clock;
    private final WallPages pages;
    private final WallView view = new WallView();
    private final FxBatcher.Marker marker;
    private final Timeline timer;
    private Stage stage;
    private boolean closed;

    /**
     * @param feedFactory makes the feed, given what to call when it has something new
     */
    public WallScreen(java.util.function.Function<Runnable, WallFeed> feedFactory, ClusterState cluster,
                      Supplier<NamespaceSelection> namespaces, Supplier<String> title, FxBatcher batcher, Clock clock,
                      ZoneId zone) {
        FxThread.check();
        this.cluster = cluster;
        this.namespaces = namespaces;
        this.title = title;
        this.clock = clock;
        this.pages = new WallPages(zone);
        FxBatcher.Marker[] m = new FxBatcher.Marker[1];
        this.feed = feedFactory.apply(() -> {
            if (m[0] != null) {
                m[0].markChanged();
            }
        });
        this.marker = batcher.register(this::refresh);
        m[0] = marker;
        this.timer = new Timeline(new KeyFrame(Duration.seconds(1), e -> marker.markChanged()));
        timer.setCycleCount(Timeline.INDEFINITE);
    }

    public Parent root() {
        return view.root();
    }

    /** Starts reading and refreshing. */
    public WallScreen start() {
        feed.start();
        timer.play();
        return this;
    }

    private void refresh() {
        if (closed) {
            return;
        }
        NamespaceSelection ns = namespaces.get();
        List<WorkloadSnapshot> workloads = cluster.workloads().stream()
                .filter(w -> ns == null || ns.isAll() || ns.includes(w.key().namespace())).toList();
        view.show(pages.page(title.get(), feed.state(), workloads, cluster.connection(), clock.instant()));
    }

    /**
     * Opens the wall in its own full-screen window; {@code onLeave} runs when F11 or Ctrl+Shift+W is pressed (then
     * close this screen). Every other key is swallowed before it reaches anything.
     */
    public Stage open(Runnable onLeave) {
        FxThread.check();
        stage = new Stage();
        stage.setTitle("Flightdeck wall");
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
        Scene scene = new Scene(root(), screen.getWidth(), screen.getHeight());
        scene.addEventFilter(KeyEvent.ANY, e -> {
            if (e.getEventType() == KeyEvent.KEY_PRESSED && TOGGLE.stream().anyMatch(k -> k.match(e))) {
                onLeave.run();
            }
            e.consume();
        });
        scene.addEventFilter(javafx.scene.input.MouseEvent.ANY, Event::consume);
        stage.setScene(scene);
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");
        stage.setFullScreen(true);
        stage.setOnHidden(e -> close());
        stage.show();
        return stage;
    }

    /** Makes F11 and Ctrl+Shift+W on {@code window}'s scene run {@code toggle} (the main window's way in). */
    public static void installToggle(Stage window, Runnable toggle) {
        window.getScene().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (TOGGLE.stream().anyMatch(k -> k.match(e))) {
                e.consume();
                toggle.run();
            }
        });
    }

    public Stage stage() {
        return stage;
    }

    @Override
    public void close() {
        closed = true;
        timer.stop();
        feed.close();
        if (stage != null && stage.isShowing()) {
            stage.hide();
        }
    }
}
