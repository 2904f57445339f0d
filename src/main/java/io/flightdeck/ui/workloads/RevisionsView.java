package io.flightdeck.ui.workloads;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The revisions table: the selected Deployment's ReplicaSets, newest first, with revision number, pod-template-hash,
 * image tag (full image as tooltip), replica counts and age; the newest revision is marked. FX thread.
 */
public final class RevisionsView {

    public static final String ID = "revisions";

    private static final PseudoClass NEWEST = PseudoClass.getPseudoClass("newest");

    private final RevisionsViewModel model;

    public RevisionsView(RevisionsViewModel model) {
        this.model = model;
    }

    public Node build() {
        TableView<RevisionRow> table = new TableView<>(model.rows());
        table.setId(ID);
        table.getStyleClass().addAll("revisions", "dense");
        table.setPlaceholder(new Label("No revisions"));
        TableColumn<RevisionRow, RevisionRow> number = Columns.fixed("Rev", 62, r -> r, "Revision number");
        number.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(RevisionRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : "#" + row.number() + (row.newest() ? " ●" : ""));
            }
        });
        table.getColumns().add(number);
        table.getColumns().add(Columns.flexible("ReplicaSet", 180, RevisionRow::replicaSet, null));
        table.getColumns().add(Columns.fixed("Hash", 110, RevisionRow::hash, "pod-template-hash"));
        TableColumn<RevisionRow, RevisionRow> image = Columns.flexible("Image", 110, r -> r, "Image tag");
        image.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(RevisionRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.tag());
                tip.setText(empty || row == null ? "" : row.image());
                setTooltip(empty || row == null ? null : tip);
            }
        });
        table.getColumns().add(image);
        table.getColumns().add(Columns.fixed("Desired", 74, RevisionRow::desired, "spec.replicas"));
        table.getColumns().add(Columns.fixed("Current", 74, RevisionRow::current, "Pods that exist"));
        table.getColumns().add(Columns.fixed("Ready", 62, RevisionRow::ready, "Ready pods"));
        table.getColumns().add(Columns.fixed("Avail", 58, RevisionRow::available, "Available pods"));
        table.getColumns().add(Columns.fixed("Age", 62, RevisionRow::age, null));
        table.getColumns().forEach(c -> c.getStyleClass().add("number-column"));
        table.getColumns().get(1).getStyleClass().setAll("text-column");
        table.getColumns().get(3).getStyleClass().setAll("text-column");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RevisionRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(NEWEST,
                        !empty && row != null && row.newest());
            }
        });
        return table;
    }
}
