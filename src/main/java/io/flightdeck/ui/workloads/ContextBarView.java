package io.flightdeck.ui.workloads;

import io.flightdeck.model.NamespaceSelection;
import io.flightdeck.ui.fx.Theme;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The top bar: the context selector (kubeconfig contexts and "Sandbox"), the namespace selector (all, or chosen ones,
 * applied when its menu closes), the wall-mode button (once the application offers it) and the dark/light toggle. Binds to {@link ContextBarViewModel}. FX thread.
 */
public final class ContextBarView {

    public static final String CONTEXT_ID = "context-selector";
    public static final String NAMESPACES_ID = "namespace-selector";
    public static final String THEME_ID = "theme-toggle";
    public static final String WALL_ID = "wall-toggle";

    private final ContextBarViewModel model;
    private final ComboBox<String> context = new ComboBox<>();
    private final MenuButton namespaces = new MenuButton();
    private final Set<String> picked = new LinkedHashSet<>();
    private boolean updating;

    public ContextBarView(ContextBarViewModel model) {
        this.model = model;
    }

    public Node build() {
        Label contextLabel = new Label("Context");
        contextLabel.getStyleClass().add("bar-label");
        context.setId(CONTEXT_ID);
        context.setItems(model.contexts());
        context.setPrefWidth(220);
        context.setValue(model.activeContextProperty().get());
        context.setOnAction(e -> {
            if (!updating && context.getValue() != null) {
                model.requestContext(context.getValue());
            }
        });
        model.activeContextProperty().addListener((obs, old, now) -> showContext(now));
        model.switchErrorProperty().addListener((obs, old, now) -> {
            if (now != null) {
                showContext(model.activeContextProperty().get());
            }
        });

        Label nsLabel = new Label("Namespaces");
        nsLabel.getStyleClass().add("bar-label");
        namespaces.setId(NAMESPACES_ID);
        namespaces.setPrefWidth(220);
        namespaces.setText(ContextBarViewModel.label(model.activeNamespacesProperty().get()));
        model.activeNamespacesProperty().addListener((obs, old, now) -> namespaces.setText(ContextBarViewModel.label(now)));
        namespaces.setOnShowing(e -> fillNamespaceMenu());
        namespaces.setOnHidden(e -> applyNamespaces());

        Button theme = new Button();
        theme.setId(THEME_ID);
        theme.getStyleClass().add("theme-toggle");
        theme.setFocusTraversable(false);
        theme.setText(themeText(Theme.mode()));
        theme.setTooltip(new Tooltip("Switch between the dark and the light theme"));
        theme.setOnAction(e -> Theme.apply(Theme.mode().other()));
        Theme.modeProperty().addListener((obs, old, now) -> theme.setText(themeText(now)));

        Button wall = new Button("Wall mode");
        wall.setId(WALL_ID);
        wall.getStyleClass().add("theme-toggle");
        wall.setFocusTraversable(false);
        wall.setTooltip(new Tooltip("Full-screen, read-only wall for the war room: releases in flight, gates and "
                + "signals in large type (F11 or Ctrl+Shift+W; the same keys leave it)"));
        wall.setOnAction(e -> model.requestWall());
        wall.visibleProperty().bind(model.wallAvailableProperty());
        wall.managedProperty().bind(wall.visibleProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(contextLabel, context, nsLabel, namespaces, spacer, wall, theme);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("context-bar");
        return bar;
    }

    private static String themeText(Theme.Mode mode) {
        return mode == Theme.Mode.DARK ? "Light theme" : "Dark theme";
    }

    private void showContext(String name) {
        updating = true;
        try {
            context.setValue(name);
        } finally {
            updating = false;
        }
    }

    private void fillNamespaceMenu() {
        picked.clear();
        picked.addAll(model.activeNamespacesProperty().get().names());
        List<CheckBox> boxes = new ArrayList<>();
        CheckBox all = new CheckBox("All namespaces");
        all.setSelected(picked.isEmpty());
        namespaces.getItems().setAll(item(all), new SeparatorMenuItem());
        for (String ns : model.namespaceOptions()) {
            CheckBox box = new CheckBox(ns);
            box.setSelected(picked.contains(ns));
            box.selectedProperty().addListener((obs, old, on) -> {
                if (on) {
                    picked.add(ns);
                } else {
                    picked.remove(ns);
                }
                all.setSelected(picked.isEmpty());
            });
            boxes.add(box);
            namespaces.getItems().add(item(box));
        }
        all.selectedProperty().addListener((obs, old, on) -> {
            if (on) {
                picked.clear();
                boxes.forEach(b -> b.setSelected(false));
                all.setSelected(true);
            }
        });
        TextField other = new TextField();
        other.setPromptText("Other namespace…");
        other.setTooltip(new Tooltip("Type a namespace and press Enter to watch it too"));
        other.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !other.getText().isBlank()) {
                picked.add(other.getText().strip());
                namespaces.hide();
            }
        });
        namespaces.getItems().addAll(new SeparatorMenuItem(), item(other));
    }

    private static CustomMenuItem item(Node content) {
        CustomMenuItem item = new CustomMenuItem(content);
        item.setHideOnClick(false);
        return item;
    }

    private void applyNamespaces() {
        model.requestNamespaces(NamespaceSelection.of(picked));
    }
}
