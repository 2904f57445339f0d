package io.flightdeck.ui.workloads;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The heading of the centre: health mark, "namespace/name", health in words, replica counts, image, and the
 * condition message when the Deployment is not healthy; a hint when none is selected. FX thread.
 */
public final class WorkloadHeaderView {

    public static final String TITLE_ID = "workload-title";
    public static final String HEALTH_ID = "workload-health";

    private final WorkloadsViewModel model;

    public WorkloadHeaderView(WorkloadsViewModel model) {
        this.model = model;
    }

    public Node build() {
        StatusMark mark = new StatusMark();
        Label title = new Label();
        title.setId(TITLE_ID);
        title.getStyleClass().add("workload-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label health = new Label();
        health.setId(HEALTH_ID);
        health.getStyleClass().add("workload-health");
        health.setMinWidth(Region.USE_PREF_SIZE);
        Label counts = new Label();
        counts.getStyleClass().add("workload-counts");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label image = new Label();
        image.getStyleClass().add("workload-image");
        HBox line = new HBox(10, mark, title, health, counts, spacer, image);
        line.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.getStyleClass().add("workload-message");
        message.setWrapText(true);
        VBox box = new VBox(4, line, message);
        box.getStyleClass().add("workload-header");
        Runnable show = () -> {
            WorkloadHeader h = model.headerProperty().get();
            boolean none = h == null;
            mark.setVisible(!none);
            if (none) {
                title.setText("No Deployment selected");
                health.setText("");
                counts.setText("Pick one on the left: arrows and Enter, or type to filter (Ctrl+F).");
                image.setText("");
                message.setText("");
            } else {
                mark.showHealth(h.health());
                title.setText(h.title());
                health.setText(h.gone() ? "gone" : h.health().name().toLowerCase(Locale.ROOT));
                health.getStyleClass().removeIf(s -> s.startsWith("health-"));
                health.getStyleClass().add("health-" + h.health().name().toLowerCase(Locale.ROOT));
                counts.setText(h.counts());
                image.setText(h.image());
                message.setText(h.message());
            }
            message.setVisible(!message.getText().isEmpty());
            message.setManaged(message.isVisible());
        };
        show.run();
        model.headerProperty().addListener((obs, old, now) -> show.run());
        return box;
    }
}
