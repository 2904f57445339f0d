package io.flightdeck.ui.workloads;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

import java.util.function.Function;

/** Makes the read-only table columns of the screen: fixed or flexible width, a header tooltip. FX thread. */
final class Columns {

    private Columns() {
    }

    /** A column of width {@code width} that neither grows nor shrinks. */
    static <S, T> TableColumn<S, T> fixed(String title, double width, Function<S, T> value, String tip) {
        TableColumn<S, T> column = flexible(title, width, value, tip);
        column.setMinWidth(width);
        column.setMaxWidth(width);
        return column;
    }

    /** A column that starts at {@code width} and takes what room is left. */
    static <S, T> TableColumn<S, T> flexible(String title, double width, Function<S, T> value, String tip) {
        TableColumn<S, T> column = new TableColumn<>();
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 60));
        column.setSortable(false);
        column.setReorderable(false);
        Label header = new Label(title);
        header.getStyleClass().add("header-label");
        if (tip != null) {
            header.setTooltip(new Tooltip(tip));
        }
        column.setGraphic(header);
        return column;
    }
}
