package io.flightdeck.ui.release;

import io.flightdeck.model.WorkloadKey;
import io.flightdeck.release.ReleaseEngine;
import io.flightdeck.release.ReleaseHandle;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.fx.FxThread;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Opens the release windows over the main window: the wizard for a Deployment, and on Start the step-through panel
 * of the new release (closing the panel window stops following it; the release stays in flight in its journal), and
 * the timeline of a Deployment. One object per application, made in the wiring; FX thread.
 */
public final class ReleaseWindows {

    private final ReleaseEngine engine;
    private final Executor background;
    private static final int REFRESH_SECONDS = 5;

    private final FxBatcher batcher;

    public ReleaseWindows(ReleaseEngine engine, Executor background, FxBatcher batcher) {
        this.engine = Objects.requireNonNull(engine);
        this.background = Objects.requireNonNull(background);
        this.batcher = Objects.requireNonNull(batcher);
    }

    /** The wizard for {@code target} (null: empty), its container and image filled in when known. */
    public Stage openWizard(Window owner, WorkloadKey target, String container, String image) {
        FxThread.check();
        ReleaseWizardViewModel model = new ReleaseWizardViewModel(engine::start, background, Platform::runLater);
        if (target != null) {
            model.target(target, container, image);
        }
        return new ReleaseWizardView(model).open(owner, h -> openPanel(owner, h));
    }

    /** The step-through panel of a release this application drives or observes. */
    public Stage openPanel(Window owner, ReleaseHandle handle) {
        FxThread.check();
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        ReleasePanelViewModel model = new ReleasePanelViewModel(handle, new AlertConfirmer(() -> stage));
        model.attach(batcher);
        stage.setTitle("Release " + handle.id());
        Parent panel = (Parent) new ReleasePanelView(model).build();
        ((javafx.scene.layout.Pane) panel).getChildren()
                .add(ReportExport.row(handle::snapshot, background, () -> stage));
        stage.setScene(new Scene(panel, 760, 650));
        stage.setOnHidden(e -> {
            model.close();
            background.execute(handle::close);
        });
        stage.show();
        return stage;
    }

    /**
     * The timeline of {@code target}: revisions, the releases' events from their journals, differences and roll back.
     * It reads the cluster again every few seconds while open (off the FX thread).
     */
    public Stage openTimeline(Window owner, WorkloadKey target, io.fabric8.kubernetes.client.KubernetesClient client) {
        FxThread.check();
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        ReleaseTimelineViewModel model = new ReleaseTimelineViewModel(target,
                new ReplicaSetRevisions(client, engine::history), engine::rollback, new AlertConfirmer(() -> stage),
                background, Platform::runLater);
        stage.setTitle("Timeline of " + target);
        stage.setScene(new Scene((Parent) new ReleaseTimelineView(model).build(), 1100, 760));
        javafx.animation.Timeline refresh = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.seconds(REFRESH_SECONDS), e -> model.reload()));
        refresh.setCycleCount(javafx.animation.Animation.INDEFINITE);
        stage.setOnHidden(e -> refresh.stop());
        stage.show();
        model.reload();
        refresh.play();
        return stage;
    }
}
