package io.flightdeck.ui.workloads;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The events table at the bottom: events of the Deployment, its ReplicaSets and pods, newest first; a warning has a
 * triangle mark and its row is tinted. A heading counts them. FX thread.
 */
public final class EventsView {

    public static final String ID = "events";

    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    private final EventsViewModel model;

    public EventsView(EventsViewModel model) {
        this.model = model;
    }

    public Node build() {
        TableView<EventRow> table = new TableView<>(model.rows());
        table.setId(ID);
        table.getStyleClass().addAll("events", "dense");
        table.setPlaceholder(new Label("No events"));
        TableColumn<EventRow, EventRow> type = Columns.fixed("", 34, r -> r, "Warning or normal");
        type.setCellFactory(c -> new TableCell<>() {
            private final StatusMark mark = new StatusMark();

            @Override
            protected void updateItem(EventRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null || !row.warning()) {
                    setGraphic(null);
                    return;
                }
                mark.show(StatusMark.Shape.TRIANGLE, "warn");
                setGraphic(mark);
            }
        });
        table.getColumns().add(type);
        table.getColumns().add(Columns.fixed("Age", 62, EventRow::age, "Since the last occurrence"));
        TableColumn<EventRow, String> object = Columns.flexible("Object", 230, EventRow::object, null);
        object.getStyleClass().add("middle-ellipsis");
        table.getColumns().add(object);
        table.getColumns().add(Columns.flexible("Reason", 110, EventRow::reason, null));
        TableColumn<EventRow, String> message = Columns.flexible("Message", 420, EventRow::message, null);
        message.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                tip.setText(text);
                tip.setWrapText(true);
                tip.setMaxWidth(640);
                setTooltip(empty || text == null ? null : tip);
            }
        });
        table.getColumns().add(message);
        table.getColumns().add(Columns.fixed("Count", 66, EventRow::count, null));
        table.getColumns().get(1).getStyleClass().add("number-column");
        table.getColumns().get(5).getStyleClass().add("number-column");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(EventRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(WARNING, !empty && row != null && row.warning());
            }
        });

        Label title = new Label("Events");
        title.getStyleClass().add("section-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label counts = new Label();
        counts.getStyleClass().add("section-note");
        Runnable count = () -> counts.setText(model.totalProperty().get() + " events, "
                + model.warningsProperty().get() + " warnings"
                + (model.totalProperty().get() > EventsViewModel.LIMIT ? " (newest " + EventsViewModel.LIMIT
                + " shown)" : ""));
        count.run();
        model.totalProperty().addListener((obs, old, now) -> count.run());
        model.warningsProperty().addListener((obs, old, now) -> count.run());
        HBox head = new HBox(10, title, counts);
        head.getStyleClass().add("section-head");
        VBox box = new VBox(head, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.getStyleClass().add("events-pane");
        return box;
    }
}
