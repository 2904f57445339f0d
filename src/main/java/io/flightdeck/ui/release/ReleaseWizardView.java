package io.flightdeck.ui.release;

import io.flightdeck.model.StrategyKind;
import io.flightdeck.release.ReleaseHandle;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.function.Consumer;

/**
 * The release wizard's form: Deployment, container, image (with its problem shown under it), strategy, a preset that
 * fills strategy and steps, the steps as text, and Start / Cancel. A refusal from the engine is shown in the form,
 * which stays open; a started release closes the window and goes to {@code onStarted}. FX thread.
 */
public final class ReleaseWizardView {

    public static final String NAMESPACE_ID = "wizard-namespace";
    public static final String DEPLOYMENT_ID = "wizard-deployment";
    public static final String CONTAINER_ID = "wizard-container";
    public static final String IMAGE_ID = "wizard-image";
    public static final String STRATEGY_ID = "wizard-strategy";
    public static final String PRESET_ID = "wizard-preset";
    public static final String STEPS_ID = "wizard-steps";
    public static final String MAX_SURGE_ID = "wizard-max-surge";
    public static final String START_ID = "wizard-start";
    public static final String ERROR_ID = "wizard-error";

    private final ReleaseWizardViewModel model;

    public ReleaseWizardView(ReleaseWizardViewModel model) {
        this.model = model;
    }

    /** Opens the wizard as a window over {@code owner}; a started release closes it and goes to {@code onStarted}. */
    public Stage open(Window owner, Consumer<ReleaseHandle> onStarted) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle("Release");
        stage.setScene(new Scene((javafx.scene.Parent) build(stage::close, h -> {
            stage.close();
            onStarted.accept(h);
        }), 640, 520));
        stage.show();
        return stage;
    }

    public Node build(Runnable onCancel, Consumer<ReleaseHandle> onStarted) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        int row = 0;
        grid.addRow(row++, new Label("Namespace"), field(NAMESPACE_ID, model.namespaceProperty()));
        grid.addRow(row++, new Label("Deployment"), field(DEPLOYMENT_ID, model.deploymentProperty()));
        grid.addRow(row++, new Label("Container"), field(CONTAINER_ID, model.containerProperty()));
        TextField image = field(IMAGE_ID, model.imageProperty());
        image.setPromptText("registry.example/team/app:1.2");
        Label imageProblem = new Label();
        imageProblem.getStyleClass().add("image-error");
        imageProblem.textProperty().bind(model.imageProblemProperty());
        grid.addRow(row++, new Label("New image"), new VBox(2, image, imageProblem));

        ComboBox<StrategyKind> strategy = new ComboBox<>(FXCollections.observableArrayList(StrategyKind.values()));
        strategy.setId(STRATEGY_ID);
        strategy.setConverter(new StringConverter<>() {
            @Override
            public String toString(StrategyKind k) {
                return k == null ? "" : switch (k) {
                    case ROLLING -> "Rolling";
                    case BLUE_GREEN -> "Blue/green";
                    case CANARY -> "Canary";
                };
            }

            @Override
            public StrategyKind fromString(String s) {
                return null;
            }
        });
        strategy.valueProperty().bindBidirectional(model.strategyProperty());
        grid.addRow(row++, new Label("Strategy"), strategy);
        TextField surge = field(MAX_SURGE_ID, model.maxSurgeProperty());
        surge.setPromptText("max surge (Deployment's own)");
        TextField unavailable = field("wizard-max-unavailable", model.maxUnavailableProperty());
        unavailable.setPromptText("max unavailable (Deployment's own)");
        HBox rolling = new HBox(6, surge, unavailable);
        TextField service = field("wizard-service", model.serviceProperty());
        service.setPromptText("Service (named like the Deployment)");
        TextField preview = field("wizard-preview-service", model.previewServiceProperty());
        preview.setPromptText("preview Service (none)");
        TextField delay = field("wizard-scale-down-delay", model.scaleDownDelayProperty());
        delay.setPromptText("scale-down delay");
        delay.setPrefColumnCount(5);
        HBox services = new HBox(6, service, preview, delay);
        rolling.visibleProperty().bind(model.strategyProperty().isEqualTo(StrategyKind.ROLLING));
        preview.visibleProperty().bind(model.strategyProperty().isEqualTo(StrategyKind.BLUE_GREEN));
        delay.visibleProperty().bind(preview.visibleProperty());
        services.visibleProperty().bind(rolling.visibleProperty().not());
        grid.addRow(row++, new Label("Parameters"), new javafx.scene.layout.StackPane(rolling, services));

        ComboBox<StepPreset> preset = new ComboBox<>(FXCollections.observableArrayList(StepPreset.values()));
        preset.setId(PRESET_ID);
        preset.setPromptText("Fill strategy and steps from a preset");
        preset.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.applyPreset(now);
            }
        });
        grid.addRow(row++, new Label("Preset"), preset);
        TextField steps = field(STEPS_ID, model.stepsProperty());
        steps.setPromptText("10, pause, 25, pause 30s, analysis smoke, 100");
        grid.addRow(row++, new Label("Steps"), steps);
        GridPane.setHgrow(image, Priority.ALWAYS);

        Label problem = new Label();
        problem.textProperty().bind(model.problemProperty());
        Label error = new Label();
        error.setId(ERROR_ID);
        error.getStyleClass().add("release-error");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());

        Button start = new Button("Start");
        start.setId(START_ID);
        start.setDefaultButton(true);
        start.disableProperty().bind(model.canStartProperty().not());
        start.setOnAction(e -> model.start(onStarted));
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());

        VBox root = new VBox(10, grid, problem, error, new HBox(8, start, cancel));
        root.getStyleClass().add("release-wizard");
        root.getStylesheets().add(ReleaseWizardView.class.getResource("ReleasePanelView.css").toExternalForm());
        return root;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(property);
        return f;
    }
}
