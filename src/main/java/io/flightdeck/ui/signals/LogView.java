package io.flightdeck.ui.signals;

import io.flightdeck.signals.TailLine;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The log tail: a bar with the filter, pause/resume (with the count of lines held) and the source in use; below, one
 * line per row: time, a coloured version tag, the pod's suffix, and the text with filter matches highlighted and
 * error lines marked. Follows the newest line unless paused. FX thread.
 */
public final class LogView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final LogViewModel model;
    private ListView<TailLine> list;

    public LogView(LogViewModel model) {
        this.model = model;
    }

    public Node build() {
        TextField filter = new TextField();
        filter.setPromptText("Filter lines (text, pod, or a version: stable, canary)");
        filter.setId("log-filter");
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        ToggleButton pause = new ToggleButton();
        pause.setId("log-pause");
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        pause.textProperty().bind(Bindings.when(model.pausedProperty())
                .then(Bindings.format("Resume (%d new)", model.heldProperty())).otherwise("Pause"));
        pause.setTooltip(new Tooltip("Pause the tail; new lines are kept and counted until you resume"));
        Label source = new Label();
        source.setId("log-source");
        source.getStyleClass().add("log-source");
        source.textProperty().bind(Bindings.createStringBinding(() -> "Source: " + model.sourceProperty().get()
                        + (model.droppedProperty().get() > 0 ? " · " + model.droppedProperty().get() + " dropped" : ""),
                model.sourceProperty(), model.droppedProperty()));
        source.setMinWidth(0);
        Label title = new Label("Logs");
        title.getStyleClass().add("section-title");
        HBox bar = new HBox(8, title, filter, pause, source);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("log-bar");
        HBox.setHgrow(source, Priority.SOMETIMES);
        // on a narrow window the source text is cut (its tooltip has it all), never the title or the button
        title.setMinWidth(Region.USE_PREF_SIZE);
        pause.setMinWidth(Region.USE_PREF_SIZE);
        filter.setMinWidth(180);
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(source.textProperty());
        source.setTooltip(whole);

        list = new ListView<>(model.visible());
        list.setId("log-lines");
        list.getStyleClass().add("log-lines");
        list.setCellFactory(v -> new LineCell());
        list.setFixedCellSize(20);
        model.visible().addListener((javafx.collections.ListChangeListener<TailLine>) c -> {
            if (!model.pausedProperty().get() && !list.getItems().isEmpty()) {
                list.scrollTo(list.getItems().size() - 1);
            }
        });
        VBox box = new VBox(bar, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.getStyleClass().add("log-view");
        return box;
    }

    /** One line: time, version tag, pod suffix, highlighted text. */
    private final class LineCell extends ListCell<TailLine> {
        private final Label time = new Label();
        private final Label tag = new Label();
        private final Label pod = new Label();
        private final TextFlow text = new TextFlow();
        private final HBox row = new HBox(6, time, tag, pod, text);

        LineCell() {
            time.getStyleClass().add("log-time");
            pod.getStyleClass().add("log-pod");
            tag.getStyleClass().add("track-tag");
            tag.setMinWidth(52);
            row.setAlignment(Pos.CENTER_LEFT);
            time.setMinWidth(Label.USE_PREF_SIZE);
            pod.setMinWidth(Label.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(TailLine l, boolean empty) {
            super.updateItem(l, empty);
            getStyleClass().remove("log-error");
            if (empty || l == null) {
                setGraphic(null);
                return;
            }
            time.setText(TIME.format(l.time()));
            tag.setText(l.track());
            tag.getStyleClass().removeIf(c -> c.startsWith("track-") && !c.equals("track-tag"));
            tag.getStyleClass().add("track-" + l.track());
            int dash = l.pod().lastIndexOf('-');
            pod.setText(dash > 0 ? l.pod().substring(dash + 1) : l.pod());
            pod.setTooltip(new Tooltip(l.pod()));
            text.getChildren().setAll(highlighted(l.text(), model.filterProperty().get()));
            if (l.error()) {
                getStyleClass().add("log-error");
            }
            setGraphic(row);
        }
    }

    /** The text split into plain and matching parts; matches get the style class {@code log-match}. */
    static List<Text> highlighted(String line, String filter) {
        List<Text> out = new ArrayList<>();
        String f = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
        String lower = line.toLowerCase(Locale.ROOT);
        int at = 0;
        while (!f.isEmpty()) {
            int hit = lower.indexOf(f, at);
            if (hit < 0) {
                break;
            }
            out.add(part(line.substring(at, hit), "log-text"));
            out.add(part(line.substring(hit, hit + f.length()), "log-match"));
            at = hit + f.length();
        }
        out.add(part(line.substring(at), "log-text"));
        return out;
    }

    private static Text part(String s, String style) {
        Text t = new Text(s);
        t.getStyleClass().add(style);
        return t;
    }

    public ListView<TailLine> list() {
        return list;
    }
}
