package io.flightdeck.ui.shell;

import io.flightdeck.ui.fx.FxThread;
import io.flightdeck.ui.fx.Theme;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.net.URL;
import java.util.Objects;

/**
 * The main window: a header that names the cluster the application works on, and the area where the screens go.
 * Built and shown on the FX thread; it only binds to {@link ShellViewModel}.
 */
public final class ShellView {

    public static final String CLUSTER_LABEL_ID = "cluster-label";
    public static final String STYLE_SHEET = "ShellView.css";

    private static final String HEADER = "shell-header";
    private static final String APP_NAME = "shell-app-name";
    private static final String CLUSTER_BADGE = "cluster-badge";
    private static final String CARD = "shell-card";
    private static final String CARD_TITLE = "shell-card-title";
    private static final String KEY = "shell-key";
    private static final String VALUE = "shell-value";
    private static final String PLACEHOLDER = "shell-placeholder";
    private static final int[] ICON_SIZES = {16, 32, 64, 128, 256};

    private final ShellViewModel model;
    private final BorderPane root = new BorderPane();

    public ShellView(ShellViewModel model) {
        this.model = Objects.requireNonNull(model);
    }

    /** Puts the window's scene on {@code stage}, binds its title, sets the Flightdeck icon and shows it. */
    public void show(Stage stage) {
        FxThread.check();
        Scene scene = new Scene(build(), 1280, 800);
        scene.getStylesheets().add(Objects.requireNonNull(ShellView.class.getResource(STYLE_SHEET)).toExternalForm());
        stage.titleProperty().bind(model.titleProperty());
        for (int size : ICON_SIZES) {
            String icon = "icon-" + size + ".png";
            URL url = Objects.requireNonNull(ShellView.class.getResource(icon), icon);
            stage.getIcons().add(new Image(url.toExternalForm()));
        }
        stage.setMinWidth(640);
        stage.setMinHeight(400);
        stage.setScene(scene);
        stage.show();
    }

    Parent build() {
        root.getStyleClass().add("shell");
        root.setTop(header());
        root.setCenter(body());
        Theme.follow(root);
        return root;
    }

    /** Puts a screen (e.g. the workloads screen) where the cluster card was. FX thread. */
    public void showScreen(Node screen) {
        FxThread.check();
        root.setCenter(Objects.requireNonNull(screen));
    }

    private HBox header() {
        Label appName = new Label(ShellViewModel.TITLE);
        appName.getStyleClass().add(APP_NAME);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label cluster = new Label();
        cluster.setId(CLUSTER_LABEL_ID);
        cluster.getStyleClass().add(CLUSTER_BADGE);
        cluster.textProperty().bind(model.clusterTextProperty());
        Tooltip why = new Tooltip();
        why.textProperty().bind(model.reasonTextProperty());
        cluster.setTooltip(why);
        applyBadge(cluster, model.badgeProperty().get());
        model.badgeProperty().addListener((obs, old, now) -> applyBadge(cluster, now));
        HBox header = new HBox(appName, spacer, cluster);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(HEADER);
        return header;
    }

    private VBox body() {
        Label title = new Label("Cluster");
        title.getStyleClass().add(CARD_TITLE);
        GridPane facts = new GridPane();
        facts.getStyleClass().add("shell-facts");
        addFact(facts, 0, "API server", "server-value", model.serverTextProperty());
        addFact(facts, 1, "Namespace", "namespace-value", model.namespaceTextProperty());
        addFact(facts, 2, "Why this cluster", "reason-value", model.reasonTextProperty());
        VBox card = new VBox(title, facts);
        card.getStyleClass().add(CARD);
        card.setMaxWidth(Region.USE_PREF_SIZE);
        Label placeholder = new Label("Workloads, releases and signals will appear here.");
        placeholder.getStyleClass().add(PLACEHOLDER);
        VBox body = new VBox(card, placeholder);
        body.getStyleClass().add("shell-body");
        return body;
    }

    private static void addFact(GridPane grid, int row, String key, String id, ObservableValue<String> value) {
        Label keyLabel = new Label(key);
        keyLabel.getStyleClass().add(KEY);
        Label valueLabel = new Label();
        valueLabel.setId(id);
        valueLabel.getStyleClass().add(VALUE);
        valueLabel.textProperty().bind(value);
        valueLabel.setWrapText(true);
        grid.addRow(row, keyLabel, valueLabel);
    }

    private static void applyBadge(Label label, ClusterBadge badge) {
        for (ClusterBadge each : ClusterBadge.values()) {
            label.getStyleClass().remove(each.styleClass());
        }
        label.getStyleClass().add(badge.styleClass());
    }
}
