package io.flightdeck.ui.wall;

import io.flightdeck.model.Health;
import io.flightdeck.ui.wall.WallPage.Tone;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.Objects;

/**
 * The wall's scene graph: dark, high contrast, large type, and nothing to operate: only labels and plain panes, none
 * focus-traversable. A header (title, live or stale with the data's age, clock), the red alarm banner, then one
 * release (target, phase, step strip, weight bar, gates, versions with their signals) or the services' health
 * tiles, and a footer that says which release of how many. {@link #show} lays out a {@link WallPage}; FX thread.
 */
public final class WallView {

    public static final String ID = "wall";
    public static final String BANNER_ID = "wall-banner";
    public static final String BANNER_HEADLINE_ID = "wall-banner-headline";
    public static final String STATUS_ID = "wall-status";
    public static final String RELEASE_ID = "wall-release";
    public static final String SERVICES_ID = "wall-services";
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final BorderPane root = new BorderPane();
    private final Label title = label("wall-title");
    private final Label status = label("wall-status");
    private final Label clock = label("wall-clock");
    private final VBox banner = new VBox(6);
    private final Label headline = label("wall-banner-headline");
    private final Label what = label("wall-banner-what");
    private final Label whenWho = label("wall-banner-when");
    private final StackPane center = new StackPane();
    private final Label pager = label("wall-pager");
    private WallPage shown;

    public WallView() {
        status.setId(STATUS_ID);
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setAlignment(Pos.CENTER_RIGHT);
        status.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
        HBox.setHgrow(status, Priority.ALWAYS);
        title.setMinWidth(Region.USE_PREF_SIZE);
        clock.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(32, title, status, clock);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("wall-header");
        headline.setId(BANNER_HEADLINE_ID);
        what.setWrapText(true);
        whenWho.setWrapText(true);
        banner.getChildren().addAll(headline, what, whenWho);
        banner.setId(BANNER_ID);
        banner.getStyleClass().add("wall-banner");
        banner.setVisible(false);
        banner.managedProperty().bind(banner.visibleProperty());
        VBox top = new VBox(16, header, banner);
        Label hint = label("wall-hint");
        hint.setText("read-only wall · F11 leaves");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox footer = new HBox(pager, gap, hint);
        footer.getStyleClass().add("wall-footer");
        center.setAlignment(Pos.TOP_LEFT);
        center.setPadding(new javafx.geometry.Insets(12, 0, 0, 0));
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(center.widthProperty());
        clip.heightProperty().bind(center.heightProperty());
        center.setClip(clip);
        center.setMinHeight(0);
        center.getStyleClass().add("wall-center");
        root.setTop(top);
        root.setCenter(center);
        root.setBottom(footer);
        root.setId(ID);
        root.getStyleClass().add("wall");
        root.getStylesheets().add(Objects.requireNonNull(WallView.class.getResource("WallView.css")).toExternalForm());
        root.setFocusTraversable(false);
    }

    public Parent root() {
        return root;
    }

    /** Shows a page; parts that did not change are left as they are. */
    public void show(WallPage page) {
        title.setText(page.title());
        clock.setText(page.clock());
        status.setText(page.stale() ? "⚠ " + page.status() : "● " + page.status());
        status.pseudoClassStateChanged(STALE, page.stale());
        center.pseudoClassStateChanged(STALE, page.stale());
        banner.setVisible(page.banner().isPresent());
        page.banner().ifPresent(b -> {
            headline.setText("✖ " + b.headline());
            what.setText(b.what());
            whenWho.setText(b.who().isBlank() ? b.when() : b.when() + " · " + b.who());
        });
        pager.setText(page.pager());
        if (shown == null || !Objects.equals(shown.release(), page.release())
                || !Objects.equals(shown.services(), page.services())
                || !Objects.equals(shown.servicesNote(), page.servicesNote())) {
            center.getChildren().setAll(page.release().<Node>map(this::release).orElseGet(() -> services(page)));
        }
        shown = page;
    }

    private Node release(WallPage.ReleaseCard c) {
        Label target = label("wall-target");
        target.setText(c.target());
        target.setMinWidth(Region.USE_PREF_SIZE);
        Label phase = tone(label("wall-phase"), c.tone());
        phase.setText(c.phase());
        phase.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(32, target, phase);
        top.setAlignment(Pos.CENTER_LEFT);
        Label strategy = label("wall-strategy");
        strategy.setText(c.strategy() + " " + c.change() + (c.detail().isEmpty() ? "" : " · " + c.detail()));
        strategy.setWrapText(true);

        FlowPane steps = new FlowPane(10, 10);
        for (WallPage.Chip chip : c.steps()) {
            Label l = label("wall-step");
            l.setText(chip.text());
            l.getStyleClass().add("wall-step-" + chip.state().name().toLowerCase(Locale.ROOT));
            steps.getChildren().add(l);
        }

        VBox card = new VBox(14, top, strategy, steps);
        if (c.weight() >= 0) {
            card.getChildren().add(weight(c.weight()));
        }
        if (!c.gates().isEmpty()) {
            GridPane gates = grid(3);
            gates.addRow(0, head("GATE"), head("STATE"), head("LATEST MEASUREMENTS"));
            int row = 1;
            for (WallPage.Gate g : c.gates()) {
                Label name = label("wall-cell");
                name.setText(g.name());
                Label state = tone(label("wall-cell-strong"), g.tone());
                state.setText(g.state());
                Label values = label("wall-cell");
                values.setText(g.detail());
                values.setWrapText(true);
                gates.addRow(row++, name, state, values);
            }
            card.getChildren().add(gates);
        }
        if (!c.versions().isEmpty()) {
            GridPane versions = grid(6);
            versions.addRow(0, head("VERSION"), head("IMAGE"), head("PODS"), head("REQ/S"), head("SUCCESS"),
                    head("P99"));
            int row = 1;
            for (WallPage.VersionRow v : c.versions()) {
                versions.addRow(row++, tone(cell(v.track()), v.tone()), cell(v.tag()), cell(v.pods()), cell(v.rate()),
                        tone(cell(v.success()), v.tone() == Tone.BAD ? Tone.BAD : Tone.NEUTRAL), cell(v.p99()));
            }
            card.getChildren().add(versions);
        }
        if (!c.signalsNote().isEmpty()) {
            Label note = label("wall-note");
            note.setText(c.signalsNote());
            note.setWrapText(true);
            card.getChildren().add(note);
        }
        card.setId(RELEASE_ID);
        return card;
    }

    private Node services(WallPage page) {
        Label note = label("wall-services-note");
        note.setText(page.servicesNote());
        note.setWrapText(true);
        TilePane tiles = new TilePane(20, 20);
        tiles.setPrefColumns(4);
        tiles.setPrefTileWidth(430);
        tiles.setPrefTileHeight(240);
        for (WallPage.ServiceTile t : page.services()) {
            Label name = label("wall-tile-name");
            name.setText(t.name());
            Label health = label("wall-tile-health");
            health.setText(symbol(t.health()) + " " + t.health().name());
            health.getStyleClass().add("wall-health-" + t.health().name().toLowerCase(Locale.ROOT));
            Label replicas = label("wall-tile-text");
            replicas.setText(t.replicas() + (t.tag().isEmpty() ? "" : " · image " + t.tag()));
            Label ns = label("wall-tile-small");
            ns.setText(t.message().isEmpty() ? t.namespace() : t.message());
            ns.setWrapText(true);
            ns.setMaxHeight(72);
            VBox tile = new VBox(6, name, health, replicas, ns);
            tile.getStyleClass().addAll("wall-tile", "wall-tile-" + t.health().name().toLowerCase(Locale.ROOT));
            tiles.getChildren().add(tile);
        }
        VBox box = new VBox(24, note, tiles);
        box.setId(SERVICES_ID);
        return box;
    }

    static String symbol(Health h) {
        return switch (h) {
            case HEALTHY -> "✔";
            case PROGRESSING -> "◐";
            case DEGRADED -> "▲";
            case PAUSED -> "❚❚";
        };
    }

    private static Node weight(int percent) {
        Region fill = new Region();
        fill.getStyleClass().add("wall-weight-fill");
        Pane bar = new Pane(fill);
        bar.getStyleClass().add("wall-weight-bar");
        bar.setPrefHeight(44);
        bar.setMinHeight(44);
        fill.prefHeightProperty().bind(bar.heightProperty());
        fill.prefWidthProperty().bind(bar.widthProperty().multiply(Math.max(0, Math.min(100, percent)) / 100.0));
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label value = label("wall-weight");
        value.setText(percent + " %");
        value.setMinWidth(Region.USE_PREF_SIZE);
        Label traffic = heading("TRAFFIC TO NEW");
        traffic.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(28, traffic, value, bar);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static GridPane grid(int columns) {
        GridPane g = new GridPane();
        g.setHgap(36);
        g.setVgap(8);
        for (int i = 0; i < columns; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setMinWidth(Region.USE_PREF_SIZE);
            if (i == columns - 1) {
                cc.setHgrow(Priority.ALWAYS);
                cc.setMinWidth(0);
            }
            g.getColumnConstraints().add(cc);
        }
        return g;
    }

    private static Label heading(String text) {
        Label l = label("wall-heading");
        l.setText(text);
        return l;
    }

    private static Label head(String text) {
        Label l = label("wall-cell-head");
        l.setText(text);
        return l;
    }

    private static Label cell(String text) {
        Label l = label("wall-cell");
        l.setText(text);
        return l;
    }

    private static Label tone(Label l, Tone tone) {
        l.getStyleClass().add("wall-tone-" + tone.name().toLowerCase(Locale.ROOT));
        return l;
    }

    private static Label label(String styleClass) {
        Label l = new Label();
        l.getStyleClass().add(styleClass);
        l.setFocusTraversable(false);
        return l;
    }
}
