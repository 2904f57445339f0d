package io.flightdeck.ui.workloads;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Objects;

/**
 * The workloads screen's layout: context bar and connection banner on top; the Deployment list on the left; for the
 * selected Deployment its heading, revisions, pod grid and the selected pod's probe detail in the centre; its events
 * at the bottom. Ctrl+F (Cmd+F) puts the keyboard in the filter from anywhere on the screen; Ctrl+R opens the release
 * wizard and Ctrl+T the timeline of the selected Deployment, when app/ offers them. FX thread.
 */
public final class WorkloadsView {

    public static final String STYLE_SHEET = "WorkloadsView.css";
    public static final String TIMELINE_ID = "workload-timeline";

    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination RELEASE = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination TIMELINE = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);

    private final WorkloadsViewModel model;
    private PodGridView grid;
    private DeploymentListView list;
    private java.util.function.Consumer<io.flightdeck.model.WorkloadKey> releaseAction;

    public WorkloadsView(WorkloadsViewModel model) {
        this.model = model;
    }

    /** What "Release…" (button or Ctrl+R) does with the selected Deployment; without one the button is hidden. */
    public void setReleaseAction(java.util.function.Consumer<io.flightdeck.model.WorkloadKey> action) {
        this.releaseAction = action;
        if (releaseButton != null) {
            releaseButton.setVisible(action != null);
            releaseButton.setManaged(action != null);
        }
    }

    private javafx.scene.control.Button releaseButton;
    private java.util.function.Consumer<io.flightdeck.model.WorkloadKey> timelineAction;
    private javafx.scene.control.Button timelineButton;

    /** What "Timeline" (button or Ctrl+T) does with the selected Deployment; without one the button is hidden. */
    public void setTimelineAction(java.util.function.Consumer<io.flightdeck.model.WorkloadKey> action) {
        this.timelineAction = action;
        if (timelineButton != null) {
            timelineButton.setVisible(action != null);
            timelineButton.setManaged(action != null);
        }
    }

    private VBox centre;
    private Node podSplit;
    private javafx.scene.control.TabPane tabs;

    /**
     * Puts the selected Deployment's signals (tiles and logs) in a "Signals" tab next to the pods. Once; after
     * {@link #build}.
     */
    public void setSignals(Node signals) {
        if (tabs != null) {
            throw new IllegalStateException("the signals are already shown");
        }
        int at = centre.getChildren().indexOf(podSplit);
        javafx.scene.control.Tab pods = new javafx.scene.control.Tab("Pods", podSplit);
        javafx.scene.control.Tab signalsTab = new javafx.scene.control.Tab("Signals", signals);
        signalsTab.setId("signals-tab");
        pods.setClosable(false);
        signalsTab.setClosable(false);
        tabs = new javafx.scene.control.TabPane(pods, signalsTab);
        tabs.getStyleClass().add("workload-tabs");
        centre.getChildren().set(at, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
    }

    /** The Pods / Signals tabs, once signals are shown; else null. */
    public javafx.scene.control.TabPane tabs() {
        return tabs;
    }

    private void release() {
        run(releaseAction);
    }

    private void run(java.util.function.Consumer<io.flightdeck.model.WorkloadKey> action) {
        var key = model.list().selectedProperty().get();
        if (action != null && key != null) {
            action.accept(key);
        }
    }

    public Parent build() {
        grid = new PodGridView(model.grid());
        list = new DeploymentListView(model.list(), this::focusGrid);
        VBox top = new VBox(new ContextBarView(model.contextBar()).build(),
                new ConnectionBannerView(model.banner()).build());
        top.getStyleClass().add("workloads-top");

        SplitPane podSplit = new SplitPane(gridPane(), new PodDetailView(model.podDetail()).build());
        podSplit.setDividerPositions(0.66);
        SplitPane.setResizableWithParent(podSplit.getItems().get(1), false);
        releaseButton = new javafx.scene.control.Button("Release…");
        releaseButton.setTooltip(new Tooltip("Start a rolling, blue/green or canary release of this Deployment (Ctrl+R)"));
        releaseButton.disableProperty().bind(model.list().selectedProperty().isNull());
        releaseButton.setOnAction(e -> release());
        releaseButton.setVisible(releaseAction != null);
        releaseButton.setManaged(releaseAction != null);
        timelineButton = new javafx.scene.control.Button("Timeline");
        timelineButton.setId(TIMELINE_ID);
        timelineButton.setTooltip(new Tooltip("Revisions and release events of this Deployment; roll back (Ctrl+T)"));
        timelineButton.disableProperty().bind(model.list().selectedProperty().isNull());
        timelineButton.setOnAction(e -> run(timelineAction));
        timelineButton.setVisible(timelineAction != null);
        timelineButton.setManaged(timelineAction != null);
        timelineButton.setMinWidth(Region.USE_PREF_SIZE);
        releaseButton.setMinWidth(Region.USE_PREF_SIZE);
        Node header = new WorkloadHeaderView(model).build();
        HBox headerRow = new HBox(8, header, timelineButton, releaseButton);
        headerRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(header, Priority.ALWAYS);
        VBox centre = new VBox(headerRow, new RevisionsView(model.revisions()).build(),
                podSplit);
        centre.getStyleClass().add("workload-centre");
        this.centre = centre;
        this.podSplit = podSplit;
        VBox.setVgrow(podSplit, Priority.ALWAYS);

        SplitPane rightSplit = new SplitPane(centre, new EventsView(model.events()).build());
        rightSplit.setOrientation(Orientation.VERTICAL);
        rightSplit.setDividerPositions(0.73);
        SplitPane.setResizableWithParent(rightSplit.getItems().get(1), false);

        Node left = list.build();
        SplitPane main = new SplitPane(left, rightSplit);
        main.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(left, false);

        BorderPane root = new BorderPane(main);
        root.setTop(top);
        root.getStyleClass().add("workloads");
        root.getStylesheets().add(Objects.requireNonNull(WorkloadsView.class.getResource(STYLE_SHEET))
                .toExternalForm());
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e)) {
                list.focusFilter();
                e.consume();
            } else if (RELEASE.match(e)) {
                release();
                e.consume();
            } else if (TIMELINE.match(e)) {
                run(timelineAction);
                e.consume();
            }
        });
        return root;
    }

    private VBox gridPane() {
        Label title = new Label("Pods");
        title.getStyleClass().add("section-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label count = new Label();
        count.getStyleClass().add("section-note");
        count.setMinWidth(Region.USE_PREF_SIZE);
        Runnable counted = () -> count.setText(model.grid().podCount() + " pods, by revision");
        counted.run();
        model.grid().groupsProperty().addListener((obs, old, now) -> counted.run());
        Label legend = new Label("S R L: startup, readiness, liveness probes");
        legend.getStyleClass().add("section-legend");
        legend.setTooltip(new Tooltip("""
                Each cell is one pod: its name's suffix, restarts (circular arrow), status, and its probes.
                Pod: filled dot ready · ring not ready · ring with centre pending · cross failing · bar terminating.
                Probes S R L (startup, readiness, liveness): filled passing · struck through failing ·
                outline not run yet · faint not configured.
                Click a pod, or use the arrow keys, to see its probe detail."""));
        legend.setMinWidth(0);
        HBox head = new HBox(10, title, count, legend);
        head.getStyleClass().add("section-head");
        VBox box = new VBox(head, grid);
        VBox.setVgrow(grid, Priority.ALWAYS);
        box.getStyleClass().add("grid-pane");
        return box;
    }

    private void focusGrid() {
        grid.requestFocus();
        if (model.grid().selectedPodProperty().get() == null) {
            model.grid().groupsProperty().get().stream()
                    .flatMap(g -> g.cells().stream())
                    .findFirst()
                    .ifPresent(c -> model.grid().selectedPodProperty().set(c.name()));
        }
    }

    /** Puts the keyboard in the Deployment filter. */
    public void focusFilter() {
        list.focusFilter();
    }

    public PodGridView grid() {
        return grid;
    }
}
