package io.flightdeck.ui.workloads;

import io.flightdeck.ui.fx.Theme;
import javafx.scene.paint.Color;

/**
 * The colours the pod grid canvas paints with, one set per theme: GitHub Primer's, as AtlantaFX's PrimerDark and
 * PrimerLight use, since a canvas cannot read CSS variables. Immutable.
 */
record GridPalette(Color background, Color cell, Color border, Color text, Color muted, Color ok, Color warn,
                   Color danger, Color info, Color selected, Color onMark) {

    static final GridPalette DARK = new GridPalette(Color.web("#0d1117"), Color.web("#161b22"), Color.web("#30363d"),
            Color.web("#e6edf3"), Color.web("#8d96a0"), Color.web("#3fb950"), Color.web("#d29922"),
            Color.web("#f85149"), Color.web("#58a6ff"), Color.web("#58a6ff"), Color.web("#0d1117"));

    static final GridPalette LIGHT = new GridPalette(Color.web("#ffffff"), Color.web("#f6f8fa"),
            Color.web("#d0d7de"), Color.web("#1f2328"), Color.web("#57606a"), Color.web("#1a7f37"),
            Color.web("#9a6700"), Color.web("#cf222e"), Color.web("#0969da"), Color.web("#0969da"),
            Color.web("#ffffff"));

    static GridPalette of(Theme.Mode mode) {
        return mode == Theme.Mode.LIGHT ? LIGHT : DARK;
    }

    Color tone(PodTone tone) {
        return switch (tone) {
            case READY -> ok;
            case NOT_READY -> warn;
            case PENDING -> info;
            case FAILING -> danger;
            case TERMINATING, FINISHED -> muted;
        };
    }
}
