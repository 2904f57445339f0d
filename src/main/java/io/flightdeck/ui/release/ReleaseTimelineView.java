package io.flightdeck.ui.release;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;

/**
 * The timeline: a horizontal time axis with revisions as circles (click to select) and release events as small
 * squares, then what differs from the current revision and "Roll back to this revision…". FX thread.
 */
public final class ReleaseTimelineView {

    public static final String ID = "release-timeline";
    public static final String ROLL_BACK_ID = "timeline-roll-back";
    private static final double MARGIN = 24;

    private final ReleaseTimelineViewModel model;

    public ReleaseTimelineView(ReleaseTimelineViewModel model) {
        this.model = model;
    }

    public Node build() {
        Pane axis = new Pane();
        axis.setPrefHeight(60);
        axis.setMinHeight(60);
        axis.getStyleClass().add("timeline-axis");
        Runnable draw = () -> draw(axis);
        model.markers().addListener((ListChangeListener<ReleaseTimelineViewModel.Marker>) c -> draw.run());
        model.selectedProperty().addListener((o, was, now) -> draw.run());
        axis.widthProperty().addListener((o, was, now) -> draw.run());

        ListView<String> differences = new ListView<>(model.differences());
        differences.setPlaceholder(new Label("Select a revision on the axis"));
        Button rollBack = new Button("Roll back to this revision…");
        rollBack.setId(ROLL_BACK_ID);
        rollBack.disableProperty().bind(model.canRollBackProperty().not());
        rollBack.setOnAction(e -> model.rollBackToSelected());
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());

        VBox root = new VBox(8, axis, new Label("Differences from the current revision"), differences, rollBack,
                status);
        root.setId(ID);
        root.setStyle("-fx-padding: 12;");
        return root;
    }

    private void draw(Pane axis) {
        double width = Math.max(axis.getWidth(), 200) - 2 * MARGIN;
        double y = 30;
        axis.getChildren().setAll(new Line(MARGIN, y, MARGIN + width, y));
        for (ReleaseTimelineViewModel.Marker m : model.markers()) {
            double x = MARGIN + m.position() * width;
            Shape shape;
            if (m.revision() != null) {
                Circle c = new Circle(x, y, m.revision().equals(model.selectedProperty().get()) ? 8 : 6);
                c.getStyleClass().add("timeline-revision");
                c.setOnMouseClicked(e -> model.selectedProperty().set(m.revision()));
                Label number = new Label(Long.toString(m.revision().number()));
                number.relocate(x - 4, y + 10);
                axis.getChildren().add(number);
                shape = c;
            } else {
                shape = new Rectangle(x - 3, y - 14, 6, 6);
                shape.getStyleClass().add("timeline-event");
            }
            Tooltip.install(shape, new Tooltip(m.label() + " at " + m.time()));
            axis.getChildren().add(shape);
        }
    }
}
