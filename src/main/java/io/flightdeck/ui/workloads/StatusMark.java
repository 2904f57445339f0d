package io.flightdeck.ui.workloads;

import io.flightdeck.model.Health;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.SVGPath;

import java.util.Locale;

/**
 * A small icon whose shape, not only its colour, tells a state: a check in a disc (healthy, connected), a half disc
 * (progressing, connecting), a triangle with "!" (degraded, warning), two bars (paused), a cross in a disc (failed,
 * unreachable). The colour comes from the style class of the tone. FX thread.
 */
public final class StatusMark extends StackPane {

    /** The shapes, each drawn as an outer filled path and an inner cut-out path in a 16 x 16 box. */
    public enum Shape {
        CHECK("M8 0a8 8 0 1 1 0 16A8 8 0 0 1 8 0z", "M4.2 8.3l2.5 2.5 5-5.2-1.1-1.1-3.9 4-1.4-1.3z"),
        HALF("M8 0a8 8 0 1 1 0 16A8 8 0 0 1 8 0zM8 2a6 6 0 0 0 0 12z", ""),
        TRIANGLE("M8 .5l7.8 14.5H.2z", "M7 5h2v5H7zM7 11.5h2v2H7z"),
        BARS("M2.5 1.5h4v13h-4zM9.5 1.5h4v13h-4z", ""),
        CROSS("M8 0a8 8 0 1 1 0 16A8 8 0 0 1 8 0z", "M4.6 5.7l1.1-1.1L8 6.9l2.3-2.3 1.1 1.1L9.1 8l2.3 2.3-1.1 1.1L8 "
                + "9.1l-2.3 2.3-1.1-1.1L6.9 8z");

        private final String outer;
        private final String inner;

        Shape(String outer, String inner) {
            this.outer = outer;
            this.inner = inner;
        }
    }

    public static final String STYLE = "status-mark";

    private static final String[] TONES = {"tone-ok", "tone-info", "tone-warn", "tone-danger", "tone-paused",
        "tone-muted"};

    private final SVGPath outer = new SVGPath();
    private final SVGPath inner = new SVGPath();
    private Shape shape;

    public StatusMark() {
        getStyleClass().add(STYLE);
        outer.getStyleClass().add("mark-fill");
        inner.getStyleClass().add("mark-cut");
        outer.setFillRule(FillRule.EVEN_ODD);
        getChildren().addAll(outer, inner);
        setMinSize(USE_PREF_SIZE, USE_PREF_SIZE);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
    }

    /** Shows {@code shape} in the colour of {@code tone} (one of "ok", "info", "warn", "danger", "paused", "muted"). */
    public void show(Shape next, String tone) {
        if (next != shape) {
            shape = next;
            outer.setContent(next.outer);
            inner.setContent(next.inner);
            inner.setVisible(!next.inner.isEmpty());
        }
        String toneClass = "tone-" + tone;
        if (!getStyleClass().contains(toneClass)) {
            getStyleClass().removeAll(TONES);
            getStyleClass().add(toneClass);
        }
    }

    public void showHealth(Health health) {
        switch (health) {
            case HEALTHY -> show(Shape.CHECK, "ok");
            case PROGRESSING -> show(Shape.HALF, "info");
            case DEGRADED -> show(Shape.TRIANGLE, "danger");
            case PAUSED -> show(Shape.BARS, "paused");
        }
        setAccessibleText(health.name().toLowerCase(Locale.ROOT));
    }

    public void showBanner(Banner.Tone tone) {
        switch (tone) {
            case OK -> show(Shape.CHECK, "ok");
            case INFO -> show(Shape.HALF, "info");
            case WARN -> show(Shape.TRIANGLE, "warn");
            case DANGER -> show(Shape.CROSS, "danger");
        }
    }
}
