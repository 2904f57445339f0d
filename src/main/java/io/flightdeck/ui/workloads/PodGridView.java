package io.flightdeck.ui.workloads;

import io.flightdeck.model.ProbeHealth;
import io.flightdeck.ui.fx.Theme;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod grid: one cell per pod, grouped by revision, painted on a canvas the size of the view. Only the cells in view
 * are painted, and no node exists per pod, so twenty thousand pods cost what the forty in view cost. Repaints are
 * coalesced into the next layout pass. Click or arrows select a pod; the wheel, the scroll bar and Page Up/Down
 * scroll; hovering shows the pod's full name. FX thread.
 */
public final class PodGridView extends Region {

    public static final String ID = "pod-grid";

    private final PodGridViewModel model;
    private final Canvas canvas = new Canvas();
    private final ScrollBar bar = new ScrollBar();
    private final PodGridPainter painter = new PodGridPainter(13);
    private final Tooltip tooltip = new Tooltip();
    private final Map<String, PodCell> painted = new HashMap<>();
    private PodGridLayout layout = new PodGridLayout(List.of(), 0);
    private boolean layoutDirty = true;
    private boolean revealSelected;
    private String hovered;
    private long paints;

    public PodGridView(PodGridViewModel model) {
        this.model = model;
        setId(ID);
        getStyleClass().add("pod-grid");
        setFocusTraversable(true);
        bar.setOrientation(Orientation.VERTICAL);
        bar.setUnitIncrement(PodGridLayout.CELL_H + PodGridLayout.GAP);
        getChildren().addAll(canvas, bar);
        model.groupsProperty().addListener((obs, old, now) -> relayout());
        model.selectedPodProperty().addListener((obs, old, now) -> {
            revealSelected = true;
            requestLayout();
        });
        Theme.modeProperty().addListener((obs, old, now) -> requestLayout());
        bar.valueProperty().addListener((obs, old, now) -> requestLayout());
        focusedProperty().addListener((obs, old, now) -> requestLayout());
        widthProperty().addListener((obs, old, now) -> relayout());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::onHover);
        addEventHandler(ScrollEvent.SCROLL, e -> {
            scrollBy(-e.getDeltaY());
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        tooltip.setShowDelay(Duration.millis(400));
        Tooltip.install(this, tooltip);
    }

    private void relayout() {
        layoutDirty = true;
        requestLayout();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 4 * (PodGridLayout.CELL_W + PodGridLayout.GAP) + 2 * PodGridLayout.PAD + bar.prefWidth(-1);
    }

    @Override
    protected double computePrefHeight(double width) {
        return 3 * (PodGridLayout.CELL_H + PodGridLayout.GAP) + PodGridLayout.HEADER_H + 2 * PodGridLayout.PAD;
    }

    @Override
    protected double computeMinWidth(double height) {
        return PodGridLayout.CELL_W + 2 * PodGridLayout.PAD + bar.prefWidth(-1);
    }

    @Override
    protected double computeMinHeight(double width) {
        return PodGridLayout.CELL_H + PodGridLayout.HEADER_H + 2 * PodGridLayout.PAD;
    }

    @Override
    protected void layoutChildren() {
        double barWidth = bar.prefWidth(-1);
        double w = Math.max(0, getWidth() - barWidth);
        double h = Math.max(0, getHeight());
        if (layoutDirty || Math.abs(canvas.getWidth() - w) > 0.5) {
            layout = new PodGridLayout(model.groupsProperty().get(), w);
            layoutDirty = false;
        }
        canvas.setWidth(w);
        canvas.setHeight(h);
        canvas.relocate(0, 0);
        bar.resizeRelocate(w, 0, barWidth, h);
        bar.setMax(Math.max(0, layout.height() - h));
        bar.setVisible(bar.getMax() > 0);
        if (bar.getValue() > bar.getMax()) {
            bar.setValue(bar.getMax());
        }
        bar.setVisibleAmount(h);
        bar.setBlockIncrement(Math.max(h - 40, 40));
        if (revealSelected) {
            revealSelected = false;
            reveal(h);
        }
        paint();
    }

    private void reveal(double h) {
        PodGridLayout.Spot spot = layout.find(model.selectedPodProperty().get());
        if (spot == null) {
            return;
        }
        double y = layout.cellY(spot.group(), spot.index());
        if (spot.index() < layout.columns()) {
            y = layout.top(spot.group());
        }
        double cellBottom = layout.cellY(spot.group(), spot.index()) + PodGridLayout.CELL_H + PodGridLayout.GAP;
        if (y < bar.getValue()) {
            bar.setValue(y);
        } else if (cellBottom > bar.getValue() + h) {
            bar.setValue(Math.min(bar.getMax(), cellBottom - h));
        }
    }

    private void paint() {
        painted.clear();
        paints++;
        painter.paint(canvas.getGraphicsContext2D(), layout, bar.getValue(), canvas.getWidth(), canvas.getHeight(),
                model.selectedPodProperty().get(), isFocused(), GridPalette.of(Theme.mode()),
                cell -> painted.put(cell.name(), cell));
    }

    private void scrollBy(double dy) {
        bar.setValue(Math.max(0, Math.min(bar.getMax(), bar.getValue() + dy)));
    }

    private void onPress(MouseEvent e) {
        requestFocus();
        if (e.getX() >= canvas.getWidth()) {
            return;
        }
        PodGridLayout.Spot spot = layout.hit(e.getX(), e.getY() + bar.getValue());
        if (spot != null) {
            model.selectedPodProperty().set(layout.cell(spot).name());
        }
    }

    private void onHover(MouseEvent e) {
        PodGridLayout.Spot spot = layout.hit(e.getX(), e.getY() + bar.getValue());
        String name = spot == null ? null : layout.cell(spot).name();
        if (name == null ? hovered == null : name.equals(hovered)) {
            return;
        }
        hovered = name;
        if (spot == null) {
            tooltip.setText("Click a pod to see its probes");
            return;
        }
        PodCell c = layout.cell(spot);
        tooltip.setText(c.name() + "\n" + c.status() + (c.ready() ? ", ready" : ", not ready")
                + (c.restarts() > 0 ? ", " + c.restarts() + " restarts" : "")
                + "\nprobes: startup " + word(c.startup()) + ", readiness " + word(c.readiness())
                + ", liveness " + word(c.liveness()));
    }

    private static String word(ProbeHealth health) {
        return switch (health) {
            case NONE -> "not configured";
            case PENDING -> "not run yet";
            case PASSING -> "passing";
            case FAILING -> "failing";
        };
    }

    private void onKey(KeyEvent e) {
        PodGridLayout.Spot from = layout.find(model.selectedPodProperty().get());
        PodGridLayout.Spot to;
        switch (e.getCode()) {
            case LEFT -> to = layout.move(from, -1, 0);
            case RIGHT -> to = layout.move(from, 1, 0);
            case UP -> to = layout.move(from, 0, -1);
            case DOWN -> to = layout.move(from, 0, 1);
            case HOME -> to = layout.first();
            case END -> to = layout.last();
            case PAGE_DOWN -> {
                scrollBy(bar.getBlockIncrement());
                e.consume();
                return;
            }
            case PAGE_UP -> {
                scrollBy(-bar.getBlockIncrement());
                e.consume();
                return;
            }
            default -> {
                return;
            }
        }
        if (to != null) {
            model.selectedPodProperty().set(layout.cell(to).name());
        }
        e.consume();
    }

    /** The cell as last painted, if the pod was in view then: what the user sees. */
    public Optional<PodCell> paintedCell(String name) {
        return Optional.ofNullable(painted.get(name));
    }

    /** How many cells the last paint drew. */
    public int paintedCount() {
        return painted.size();
    }

    public long paints() {
        return paints;
    }
}
