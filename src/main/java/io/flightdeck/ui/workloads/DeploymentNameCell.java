package io.flightdeck.ui.workloads;

import io.flightdeck.model.WorkloadSnapshot;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableCell;

import java.util.Locale;

/**
 * The first column of the Deployment list: a namespace heading ("shop · 6", with how many are degraded), or a
 * Deployment's health mark and name, with its image and condition message as tooltip. FX thread.
 */
final class DeploymentNameCell extends TreeTableCell<ListRow, ListRow> {

    private final StatusMark mark = new StatusMark();
    private final Tooltip tip = new Tooltip();

    DeploymentNameCell() {
        setContentDisplay(ContentDisplay.LEFT);
        setGraphicTextGap(8);
        tip.setWrapText(true);
        tip.setMaxWidth(480);
    }

    @Override
    protected void updateItem(ListRow row, boolean empty) {
        super.updateItem(row, empty);
        getStyleClass().remove("namespace-cell");
        if (empty || row == null) {
            setText(null);
            setGraphic(null);
            setTooltip(null);
            return;
        }
        switch (row) {
            case ListRow.NamespaceRow ns -> {
                getStyleClass().add("namespace-cell");
                setText(ns.namespace() + " · " + ns.shown());
                setContentDisplay(ContentDisplay.RIGHT);
                if (ns.unhealthy() > 0) {
                    mark.show(StatusMark.Shape.TRIANGLE, "danger");
                    setGraphic(mark);
                    tip.setText(ns.unhealthy() + " of " + ns.shown() + " Deployments in " + ns.namespace()
                            + " degraded");
                    setTooltip(tip);
                } else {
                    setGraphic(null);
                    setTooltip(null);
                }
            }
            case ListRow.DeploymentRow d -> {
                WorkloadSnapshot w = d.workload();
                mark.showHealth(w.health());
                setContentDisplay(ContentDisplay.LEFT);
                setText(w.key().name());
                setGraphic(mark);
                String health = w.health().name().toLowerCase(Locale.ROOT);
                tip.setText(w.key() + " — " + health + "\n" + w.image()
                        + (w.message() == null || w.message().isBlank() ? "" : "\n" + w.message()));
                setTooltip(tip);
            }
        }
    }
}
