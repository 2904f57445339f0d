package io.flightdeck.ui.fx;

import atlantafx.base.theme.PrimerDark;
import javafx.application.Application;

/** The application-wide look: AtlantaFX's Primer Dark under every view's own style sheet. FX thread only. */
public final class Theme {

    private Theme() {
    }

    public static void apply() {
        FxThread.check();
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
    }
}
