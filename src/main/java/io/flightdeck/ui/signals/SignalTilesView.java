package io.flightdeck.ui.signals;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tiles as TilesFX tiles (custom skin) in one row: per metric a row per version (track tag and value, or "no
 * data") over a sparkline of both; then one tile per gate with its state and last measurements. The tiles share the
 * width they are given ({@link #fit}) between {@link #MIN_WIDTH} (narrow: smaller values) and {@link #TILE_WIDTH}, and
 * are lower in a short panel; only a row that does not fit even then is scrolled sideways. Tiles are made once per id
 * and updated in place when the view model's lists change (once per batcher tick). FX thread.
 */
public final class SignalTilesView {

    static final double TILE_WIDTH = 180;
    static final double TILE_HEIGHT = 132;
    /** The height of the tiles in a short panel (a 1280x800 window). */
    static final double COMPACT_HEIGHT = 108;
    static final double MIN_WIDTH = 124;
    /** Below this width values are set smaller so that "canary" and "100.00 %" share a line. */
    private static final double NARROW = 150;
    private static final double GAP = 8;

    private final SignalTilesViewModel model;
    private final HBox pane = new HBox(GAP);
    private double available = Double.MAX_VALUE;
    private boolean compact;
    private final Map<String, MetricTile> metrics = new LinkedHashMap<>();
    private final Map<String, GateView> gates = new HashMap<>();

    public SignalTilesView(SignalTilesViewModel model) {
        this.model = model;
    }

    public Node build() {
        pane.getStyleClass().add("signal-tiles");
        model.tilesProperty().addListener((o, old, now) -> refresh());
        model.gatesProperty().addListener((o, old, now) -> refresh());
        refresh();
        return pane;
    }

    private void refresh() {
        List<Node> order = new ArrayList<>();
        for (SignalTile t : model.tilesProperty().get()) {
            MetricTile m = metrics.computeIfAbsent(t.id(), id -> new MetricTile(id));
            m.show(t);
            order.add(m.tile);
        }
        Map<String, GateView> seen = new HashMap<>();
        for (GateTile g : model.gatesProperty().get()) {
            GateView v = gates.computeIfAbsent(g.analysis(), a -> new GateView(a));
            v.show(g);
            seen.put(g.analysis(), v);
            order.add(v.tile);
        }
        gates.keySet().retainAll(seen.keySet());
        if (!pane.getChildren().equals(order)) {
            pane.getChildren().setAll(order);
            size();
        }
    }

    /**
     * Sizes the tiles to share {@code width} (the visible width of the row), lower when {@code compact}. Called when
     * the panel's size changes.
     */
    public void fit(double width, boolean compact) {
        this.available = width;
        this.compact = compact;
        size();
    }

    /** The height the tiles have now. */
    public double tileHeight() {
        return compact ? COMPACT_HEIGHT : TILE_HEIGHT;
    }

    private void size() {
        int n = pane.getChildren().size();
        double share = n == 0 ? TILE_WIDTH : Math.floor((available - GAP * (n - 1)) / n);
        double w = Math.max(MIN_WIDTH, Math.min(TILE_WIDTH, share));
        double h = tileHeight();
        for (Node c : pane.getChildren()) {
            Region r = (Region) c;
            r.setMinSize(w, h);
            r.setPrefSize(w, h);
            r.setMaxSize(w, h);
            r.pseudoClassStateChanged(NARROW_TILE, w < NARROW);
        }
    }

    private static final javafx.css.PseudoClass NARROW_TILE = javafx.css.PseudoClass.getPseudoClass("narrow");

    private static Tile tile(String title, Node content) {
        Tile t = TileBuilder.create().skinType(Tile.SkinType.CUSTOM).prefSize(TILE_WIDTH, TILE_HEIGHT)
                .minSize(TILE_WIDTH, TILE_HEIGHT).maxSize(TILE_WIDTH, TILE_HEIGHT).title(title).textVisible(true)
                .graphic(content).roundedCorners(true).build();
        t.getStyleClass().add("signal-tile");
        return t;
    }

    /** One metric's tile: a row per version and a sparkline. */
    private static final class MetricTile {
        final Tile tile;
        final VBox rows = new VBox(2);
        final SparkLine spark = new SparkLine();
        final Map<String, Label[]> labels = new HashMap<>();

        MetricTile(String id) {
            VBox content = new VBox(4, rows, spark);
            content.getStyleClass().add("tile-content");
            VBox.setVgrow(spark, Priority.ALWAYS);
            tile = tile("", content);
            tile.setId("tile-" + id);
        }

        void show(SignalTile t) {
            tile.setTitle(t.title());
            tile.setText(t.note());
            Map<String, List<Double>> series = new LinkedHashMap<>();
            List<Node> lines = new ArrayList<>();
            for (SignalTile.Row r : t.rows()) {
                Label[] l = labels.computeIfAbsent(r.track(), k -> {
                    Label tag = new Label(k);
                    tag.getStyleClass().addAll("track-tag", "track-" + k);
                    tag.setMinWidth(Region.USE_PREF_SIZE);
                    Label value = new Label();
                    value.getStyleClass().add("tile-value");
                    value.setId(tile.getId() + "-" + k);
                    return new Label[]{tag, value};
                });
                l[1].setText(r.text());
                l[1].getStyleClass().remove("no-data");
                if (r.noData()) {
                    l[1].getStyleClass().add("no-data");
                }
                Region gap = new Region();
                HBox.setHgrow(gap, Priority.ALWAYS);
                HBox line = new HBox(6, l[0], gap, l[1]);
                line.setAlignment(Pos.CENTER_LEFT);
                lines.add(line);
                series.put(r.track(), r.series());
            }
            rows.getChildren().setAll(lines);
            spark.show(series);
        }
    }

    /** One gate's tile: state and last measurements. */
    private static final class GateView {
        final Tile tile;
        final Label state = new Label();
        final VBox measured = new VBox(1);

        GateView(String analysis) {
            state.getStyleClass().add("gate-state");
            state.setWrapText(true);
            state.setMaxHeight(64);
            VBox content = new VBox(4, state, measured);
            content.getStyleClass().add("tile-content");
            tile = tile("Gate " + analysis, content);
            tile.setId("gate-" + analysis.replaceAll("[^A-Za-z0-9-]", "_"));
        }

        void show(GateTile g) {
            state.setText(g.state());
            state.setTooltip(new Tooltip(g.state()));
            state.getStyleClass().removeIf(c -> c.startsWith("gate-tone-"));
            state.getStyleClass().add("gate-tone-" + g.tone().name().toLowerCase(java.util.Locale.ROOT));
            List<Node> lines = new ArrayList<>();
            for (String m : g.measurements()) {
                Label l = new Label(m);
                l.getStyleClass().add("gate-measurement");
                l.setTooltip(new Tooltip(m));
                lines.add(l);
            }
            if (lines.isEmpty()) {
                boolean decided = g.tone() == GateTile.Tone.OK || g.tone() == GateTile.Tone.DANGER;
                Label none = new Label(decided ? "no measurements in the journal" : "no measurements yet");
                none.getStyleClass().addAll("gate-measurement", "no-data");
                lines.add(none);
            }
            measured.getChildren().setAll(lines);
            tile.setText(g.measurements().isEmpty() ? "" : "last " + g.measurements().size() + " measurements");
        }
    }
}
