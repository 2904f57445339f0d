package io.flightdeck.ui.release;

import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

import java.util.Objects;

/**
 * The timeline: a time axis with each release as a band, its events as small squares above (coloured by kind; stacked
 * where they crowd) and the revisions as circles on the line; the events as a list beside what the selected event
 * shows (actor, time, action, outcome, details); below, what the selected revision changes and "Roll back to this
 * revision…". Clicking a square or a list row selects an event, clicking a circle a revision. FX thread.
 */
public final class ReleaseTimelineView {

    public static final String ID = "release-timeline";
    public static final String AXIS_ID = "timeline-axis";
    public static final String EVENTS_ID = "timeline-events";
    public static final String EVENT_DETAILS_ID = "timeline-event-details";
    public static final String DIFFERENCES_ID = "timeline-differences";
    public static final String ROLL_BACK_ID = "timeline-roll-back";
    public static final String REFRESH_ID = "timeline-refresh";
    /** The id of revision N's circle: this prefix and N. */
    public static final String REVISION_ID_PREFIX = "timeline-revision-";
    public static final String STYLE_SHEET = "ReleaseTimelineView.css";

    /** AtlantaFX's style class for compact list rows. */
    private static final String DENSE = "dense";
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final double MARGIN = 28;
    private static final double LINE_Y = 78;
    private static final double BAND_Y = 60;
    private static final double EVENT_TOP = 8;
    private static final double ROW = 11;
    private static final int ROWS = 4;

    private final ReleaseTimelineViewModel model;

    public ReleaseTimelineView(ReleaseTimelineViewModel model) {
        this.model = model;
    }

    public Node build() {
        Pane axis = new Pane();
        axis.setId(AXIS_ID);
        axis.setPrefHeight(110);
        axis.setMinHeight(110);
        axis.getStyleClass().add("timeline-axis");
        Runnable draw = () -> draw(axis);
        model.markers().addListener((ListChangeListener<ReleaseTimelineViewModel.Marker>) c -> draw.run());
        model.selectedProperty().addListener((o, was, now) -> draw.run());
        model.selectedEventProperty().addListener((o, was, now) -> draw.run());
        axis.widthProperty().addListener((o, was, now) -> draw.run());
        Label span = new Label();
        span.getStyleClass().add("timeline-note");
        span.textProperty().bind(model.spanProperty());

        ListView<ReleaseTimelineViewModel.Marker> events = new ListView<>(model.events());
        events.setId(EVENTS_ID);
        events.setPlaceholder(new Label("No release of this Deployment has a journal"));
        events.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.selectedEventProperty().set(now);
            }
        });
        model.selectedEventProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(events.getSelectionModel().getSelectedItem())) {
                events.getSelectionModel().select(now);
                events.scrollTo(now);
            }
        });
        model.events().addListener((ListChangeListener<ReleaseTimelineViewModel.Marker>) c -> {
            ReleaseTimelineViewModel.Marker selected = model.selectedEventProperty().get();
            if (selected != null) {
                events.getSelectionModel().select(selected);
            }
        });
        ListView<String> details = new ListView<>(model.eventDetails());
        details.setId(EVENT_DETAILS_ID);
        details.setCellFactory(list -> new WrappingCell(list));
        events.getStyleClass().add(DENSE);
        details.setPlaceholder(new Label("Select an event: who did what, when, and why a gate passed or failed"));
        SplitPane eventSplit = new SplitPane(section("Release events", events), section("Selected event", details));
        eventSplit.setDividerPositions(0.5);
        VBox.setVgrow(eventSplit, Priority.ALWAYS);

        ListView<String> differences = new ListView<>(model.differences());
        differences.setId(DIFFERENCES_ID);
        differences.setPrefHeight(110);
        differences.setPlaceholder(new Label("Select a revision (a circle on the axis)"));
        Button rollBack = new Button("Roll back to this revision…");
        rollBack.setId(ROLL_BACK_ID);
        rollBack.disableProperty().bind(model.canRollBackProperty().not());
        rollBack.setOnAction(e -> model.rollBackToSelected());
        Button refresh = new Button("Refresh");
        refresh.setId(REFRESH_ID);
        refresh.setOnAction(e -> model.reload());
        Label status = new Label();
        status.getStyleClass().add("timeline-status");
        status.textProperty().bind(model.statusProperty());

        VBox root = new VBox(8, axis, span, eventSplit,
                section("Differences of the current revision from the selected one", differences),
                new HBox(8, rollBack, refresh, status));
        root.setId(ID);
        root.getStyleClass().add("release-timeline");
        root.getStylesheets().add(Objects.requireNonNull(ReleaseTimelineView.class.getResource(STYLE_SHEET))
                .toExternalForm());
        return root;
    }

    /**
     * A row of the selected event's details that wraps long values (a gate's measurements) instead of cutting them:
     * the theme gives list cells a fixed height, so the row's height is the wrapped label's.
     */
    private static final class WrappingCell extends ListCell<String> {
        private final Label text = new Label();

        WrappingCell(ListView<String> list) {
            text.setWrapText(true);
            text.getStyleClass().add("timeline-detail");
            text.prefWidthProperty().bind(list.widthProperty().subtract(32));
            text.setMaxWidth(Region.USE_PREF_SIZE);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            text.setText(empty ? null : item);
            setGraphic(empty ? null : text);
        }

        @Override
        protected double computePrefHeight(double width) {
            return getGraphic() == null ? super.computePrefHeight(width)
                    : text.prefHeight(text.getPrefWidth()) + snappedTopInset() + snappedBottomInset();
        }
    }

    private static VBox section(String title, Node content) {
        Label t = new Label(title);
        t.getStyleClass().add("timeline-section");
        VBox box = new VBox(4, t, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private void draw(Pane axis) {
        double width = Math.max(axis.getWidth(), 200) - 2 * MARGIN;
        Line line = new Line(MARGIN, LINE_Y, MARGIN + width, LINE_Y);
        line.getStyleClass().add("timeline-line");
        axis.getChildren().setAll(line);
        for (TimeTicks.Tick t : model.ticks((int) Math.max(2, width / 110))) {
            double x = MARGIN + t.position() * width;
            Line tick = new Line(x, LINE_Y - 4, x, LINE_Y + 4);
            tick.getStyleClass().add("timeline-line");
            Label label = new Label(t.label());
            label.getStyleClass().add("timeline-tick");
            label.relocate(x - 18, LINE_Y + 24);
            axis.getChildren().addAll(tick, label);
        }
        for (ReleaseTimelineViewModel.Band b : model.bands()) {
            Rectangle r = new Rectangle(MARGIN + b.from() * width - 2, BAND_Y,
                    Math.max(4, (b.to() - b.from()) * width + 4), 6);
            r.getStyleClass().addAll("timeline-band", "band-" + b.release().phase().name().toLowerCase());
            Tooltip.install(r, new Tooltip("release " + b.release().id() + ", "
                    + b.release().plan().strategy().kind().name().toLowerCase() + ", "
                    + b.release().phase().name().toLowerCase()));
            axis.getChildren().add(r);
        }
        double[] rowEnds = new double[ROWS];
        java.util.Arrays.fill(rowEnds, Double.NEGATIVE_INFINITY);
        for (ReleaseTimelineViewModel.Marker m : model.markers()) {
            double x = MARGIN + m.position() * width;
            if (m.revision() != null) {
                boolean selected = m.revision().equals(model.selectedProperty().get());
                Circle c = new Circle(x, LINE_Y, selected ? 8 : 6);
                c.setId(REVISION_ID_PREFIX + m.revision().number());
                c.getStyleClass().add("timeline-revision");
                c.pseudoClassStateChanged(SELECTED, selected);
                c.setOnMouseClicked(e -> model.selectedProperty().set(m.revision()));
                Tooltip.install(c, new Tooltip(m.label() + ", created " + TimelineEvents.TIME.format(m.time())));
                Label number = new Label(Long.toString(m.revision().number()));
                number.getStyleClass().add("timeline-revision-number");
                number.relocate(x - 4, LINE_Y + 9);
                axis.getChildren().addAll(c, number);
            } else {
                int row = 0;
                while (row < ROWS - 1 && x - rowEnds[row] < 9) {
                    row++;
                }
                rowEnds[row] = x;
                boolean selected = m.equals(model.selectedEventProperty().get());
                double size = selected ? 10 : 7;
                Rectangle r = new Rectangle(x - size / 2, EVENT_TOP + (ROWS - 1 - row) * ROW, size, size);
                r.getStyleClass().addAll("timeline-event", "event-" + m.kind());
                r.pseudoClassStateChanged(SELECTED, selected);
                r.setOnMouseClicked(e -> model.selectedEventProperty().set(m));
                Tooltip.install(r, new Tooltip(m.label() + " at " + TimelineEvents.TIME.format(m.time()) + " by "
                        + m.event().actor()));
                axis.getChildren().add(r);
            }
        }
    }
}
