package io.flightdeck.ui.workloads;

import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The left list: a filter box over the Deployments grouped by namespace, each with its health mark, replica counts
 * and image tag. Rows are kept and updated in place, so selection and scrolling survive every tick. Keys: arrows move,
 * typing filters, Enter in the filter selects the first match, Enter in the list hands on to {@code onEnter}, Escape
 * clears the filter. FX thread.
 */
public final class DeploymentListView {

    public static final String FILTER_ID = "deployment-filter";
    public static final String LIST_ID = "deployment-list";

    private final DeploymentListViewModel model;
    private final Runnable onEnter;
    private final TextField filter = new TextField();
    private final TreeTableView<ListRow> table = new TreeTableView<>(new TreeItem<>());
    private final Map<String, TreeItem<ListRow>> namespaceItems = new HashMap<>();
    private final Map<WorkloadKey, TreeItem<ListRow>> deploymentItems = new HashMap<>();
    private boolean syncing;

    public DeploymentListView(DeploymentListViewModel model, Runnable onEnter) {
        this.model = model;
        this.onEnter = onEnter;
    }

    public Node build() {
        filter.setId(FILTER_ID);
        filter.setPromptText("Filter deployments (Ctrl+F)");
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.addEventFilter(KeyEvent.KEY_PRESSED, this::onFilterKey);

        table.setId(LIST_ID);
        table.setShowRoot(false);
        table.getStyleClass().addAll("deployment-list", "dense");
        table.setPlaceholder(new Label("No Deployments match"));
        table.getColumns().add(nameColumn());
        table.getColumns().add(textColumn("Ready", 60, w -> w.ready() + "/" + w.desired(),
                "Ready pods of desired replicas"));
        table.getColumns().add(textColumn("Upd", 42, w -> Integer.toString(w.updated()),
                "Up-to-date replicas (on the newest revision)"));
        table.getColumns().add(textColumn("Avail", 52, w -> Integer.toString(w.available()),
                "Available replicas (ready for minReadySeconds)"));
        TreeTableColumn<ListRow, String> tag = textColumn("Tag", 76, WorkloadSnapshot::imageTag, "Image tag");
        tag.setMinWidth(56);
        tag.setMaxWidth(160);
        table.getColumns().add(tag);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncing && now != null && now.getValue() instanceof ListRow.DeploymentRow row) {
                model.selectedProperty().set(row.workload().key());
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> selectInTable(now));
        table.addEventFilter(KeyEvent.KEY_PRESSED, this::onListKey);
        table.addEventHandler(KeyEvent.KEY_TYPED, this::onListTyped);

        apply(model.groupsProperty().get());
        model.groupsProperty().addListener((obs, old, now) -> apply(now));

        VBox box = new VBox(filter, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.getStyleClass().add("deployment-pane");
        return box;
    }

    /** Puts the keyboard in the filter box. */
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    public void focusList() {
        table.requestFocus();
        if (table.getSelectionModel().getSelectedItem() == null) {
            model.selectFirstVisible();
        }
    }

    private TreeTableColumn<ListRow, ListRow> nameColumn() {
        TreeTableColumn<ListRow, ListRow> column = new TreeTableColumn<>("Deployment");
        column.setCellValueFactory(c -> c.getValue().valueProperty());
        column.setCellFactory(c -> new DeploymentNameCell());
        column.setPrefWidth(140);
        column.setMinWidth(110);
        column.setSortable(false);
        return column;
    }

    private static TreeTableColumn<ListRow, String> textColumn(String title, double width,
                                                                Function<WorkloadSnapshot, String> text, String tip) {
        TreeTableColumn<ListRow, String> column = new TreeTableColumn<>(title);
        column.setCellValueFactory(c -> {
            ListRow row = c.getValue().getValue();
            String value = row instanceof ListRow.DeploymentRow d ? text.apply(d.workload()) : "";
            return new ReadOnlyStringWrapper(value == null ? "" : value);
        });
        column.setPrefWidth(width);
        column.setMinWidth(width);
        column.setMaxWidth(width);
        column.setSortable(false);
        column.setReorderable(false);
        column.getStyleClass().add(title.equals("Tag") ? "text-column" : "number-column");
        Label header = new Label(title);
        header.getStyleClass().add("header-label");
        header.setTooltip(new Tooltip(tip));
        column.setGraphic(header);
        column.setText("");
        return column;
    }

    private void apply(List<NamespaceGroup> groups) {
        syncing = true;
        try {
            List<TreeItem<ListRow>> namespaces = new ArrayList<>();
            Set<WorkloadKey> shown = new HashSet<>();
            Set<String> shownNamespaces = new HashSet<>();
            for (NamespaceGroup group : groups) {
                TreeItem<ListRow> nsItem = namespaceItems.computeIfAbsent(group.namespace(), ns -> {
                    TreeItem<ListRow> item = new TreeItem<>();
                    item.setExpanded(true);
                    return item;
                });
                ListRow heading = group.heading();
                if (!heading.equals(nsItem.getValue())) {
                    nsItem.setValue(heading);
                }
                List<TreeItem<ListRow>> children = new ArrayList<>(group.workloads().size());
                for (WorkloadSnapshot w : group.workloads()) {
                    TreeItem<ListRow> item = deploymentItems.computeIfAbsent(w.key(), k -> new TreeItem<>());
                    if (!(item.getValue() instanceof ListRow.DeploymentRow row) || row.workload() != w) {
                        item.setValue(new ListRow.DeploymentRow(w));
                    }
                    children.add(item);
                    shown.add(w.key());
                }
                if (!sameItems(nsItem.getChildren(), children)) {
                    nsItem.getChildren().setAll(children);
                }
                namespaces.add(nsItem);
                shownNamespaces.add(group.namespace());
            }
            if (!sameItems(table.getRoot().getChildren(), namespaces)) {
                table.getRoot().getChildren().setAll(namespaces);
            }
            deploymentItems.keySet().retainAll(shown);
            namespaceItems.keySet().retainAll(shownNamespaces);
        } finally {
            syncing = false;
        }
        selectInTable(model.selectedProperty().get());
    }

    private static boolean sameItems(List<TreeItem<ListRow>> a, List<TreeItem<ListRow>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private void selectInTable(WorkloadKey key) {
        TreeItem<ListRow> item = key == null ? null : deploymentItems.get(key);
        if (item == null || table.getSelectionModel().getSelectedItem() == item) {
            return;
        }
        syncing = true;
        try {
            table.getSelectionModel().select(item);
            int row = table.getRow(item);
            if (row >= 0) {
                table.scrollTo(Math.max(0, row - 3));
            }
        } finally {
            syncing = false;
        }
    }

    private void onFilterKey(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.DOWN) {
            if (model.selectFirstVisible()) {
                table.requestFocus();
            }
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            if (filter.getText().isEmpty()) {
                table.requestFocus();
            }
            filter.clear();
            e.consume();
        }
    }

    private void onListKey(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER) {
            TreeItem<ListRow> item = table.getSelectionModel().getSelectedItem();
            if (item != null && item.getValue() instanceof ListRow.DeploymentRow) {
                onEnter.run();
            }
            e.consume();
        } else if (e.getCode() == KeyCode.BACK_SPACE && !filter.getText().isEmpty()) {
            filter.setText(filter.getText().substring(0, filter.getText().length() - 1));
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && !filter.getText().isEmpty()) {
            filter.clear();
            e.consume();
        }
    }

    private void onListTyped(KeyEvent e) {
        String typed = e.getCharacter();
        if (typed.length() != 1 || e.isControlDown() || e.isAltDown() || e.isMetaDown() || e.isShortcutDown()) {
            return;
        }
        char c = typed.charAt(0);
        if (Character.isLetterOrDigit(c) || c == '-' || c == '/' || c == '.') {
            filter.requestFocus();
            filter.setText(filter.getText() + c);
            filter.positionCaret(filter.getText().length());
            e.consume();
        }
    }
}
