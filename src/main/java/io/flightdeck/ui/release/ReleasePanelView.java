package io.flightdeck.ui.release;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The step-through panel of one release: title, phase and weight, the step strip, pods per version, the latest
 * events, and the commands (promote step, pause, resume, abort, promote full). Read-only views say who drives and
 * disable every command. Built and used on the FX thread.
 */
public final class ReleasePanelView {

    public static final String ID = "release-panel";
    public static final String PROMOTE_ID = "release-promote";
    public static final String PAUSE_ID = "release-pause";
    public static final String RESUME_ID = "release-resume";
    public static final String ABORT_ID = "release-abort";
    public static final String PROMOTE_FULL_ID = "release-promote-full";
    public static final String PHASE_ID = "release-phase";

    private final ReleasePanelViewModel model;

    public ReleasePanelView(ReleasePanelViewModel model) {
        this.model = model;
    }

    public Node build() {
        Label title = new Label();
        title.getStyleClass().add("release-title");
        title.textProperty().bind(model.titleProperty());
        Label phase = new Label();
        phase.setId(PHASE_ID);
        phase.getStyleClass().add("release-phase");
        phase.textProperty().bind(model.phaseProperty());
        Label weight = new Label();
        weight.textProperty().bind(model.weightProperty());
        Label drivenBy = new Label();
        drivenBy.getStyleClass().add("release-driven-by");
        drivenBy.textProperty().bind(model.drivenByProperty());
        drivenBy.visibleProperty().bind(model.drivingProperty().not());
        drivenBy.managedProperty().bind(drivenBy.visibleProperty());
        Label message = new Label();
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        Label error = new Label();
        error.getStyleClass().add("release-error");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);

        ListView<String> versions = new ListView<>(model.versions());
        versions.setPrefHeight(80);
        ListView<String> events = new ListView<>(model.events());
        events.setPrefHeight(170);
        VBox.setVgrow(events, Priority.ALWAYS);

        HBox buttons = new HBox(6,
                button("Promote step", PROMOTE_ID, model::promoteStep, model.canPromoteProperty()),
                button("Pause", PAUSE_ID, model::pause, model.canPauseProperty()),
                button("Resume", RESUME_ID, model::resume, model.canResumeProperty()),
                button("Abort…", ABORT_ID, () -> model.abort(), model.canAbortProperty()),
                button("Promote full…", PROMOTE_FULL_ID, () -> model.promoteFull(), model.canPromoteFullProperty()));

        VBox root = new VBox(8, title, new HBox(12, phase, weight), drivenBy, new ReleaseStepStrip(model.steps()),
                message, error, new Label("Pods per version"), versions, new Label("Latest events"), events, buttons);
        root.setId(ID);
        root.getStyleClass().add("release-panel");
        root.getStylesheets().add(ReleasePanelView.class.getResource("ReleasePanelView.css").toExternalForm());
        return root;
    }

    private static Button button(String text, String id, Runnable action,
                                 javafx.beans.value.ObservableBooleanValue enabled) {
        Button b = new Button(text);
        b.setId(id);
        b.disableProperty().bind(javafx.beans.binding.Bindings.not(enabled));
        b.setOnAction(e -> action.run());
        return b;
    }
}
