package io.flightdeck.ui.fx;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Parent;

/**
 * The application-wide look: AtlantaFX's Primer Dark or Primer Light under every view's own style sheet. Style sheets
 * use AtlantaFX's colour variables (and the {@code -fd-} ones of ShellView.css built on them), so they follow the
 * mode by themselves; roots that {@link #follow} the mode also carry the style class {@code theme-dark} or
 * {@code theme-light} for the few colours AtlantaFX does not name. Drawing code (canvases) reads {@link #modeProperty}.
 * FX thread only.
 */
public final class Theme {

    /** The two looks; each names the style class its roots carry. */
    public enum Mode {
        DARK("theme-dark"),
        LIGHT("theme-light");

        private final String styleClass;

        Mode(String styleClass) {
            this.styleClass = styleClass;
        }

        public String styleClass() {
            return styleClass;
        }

        public Mode other() {
            return this == DARK ? LIGHT : DARK;
        }
    }

    private static final ReadOnlyObjectWrapper<Mode> MODE = new ReadOnlyObjectWrapper<>(Mode.DARK);

    private Theme() {
    }

    /** The dark look, the default. */
    public static void apply() {
        apply(Mode.DARK);
    }

    public static void apply(Mode mode) {
        FxThread.check();
        String sheet = mode == Mode.DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet();
        Application.setUserAgentStylesheet(sheet);
        MODE.set(mode);
    }

    public static ReadOnlyObjectProperty<Mode> modeProperty() {
        return MODE.getReadOnlyProperty();
    }

    public static Mode mode() {
        return MODE.get();
    }

    /** Keeps {@code root}'s style class in step with the mode. */
    public static void follow(Parent root) {
        FxThread.check();
        markRoot(root, MODE.get());
        ChangeListener<Mode> listener = (obs, old, now) -> markRoot(root, now);
        root.getProperties().put(Theme.class, listener);
        MODE.addListener(new WeakChangeListener<>(listener));
    }

    private static void markRoot(Parent root, Mode mode) {
        root.getStyleClass().removeAll(Mode.DARK.styleClass(), Mode.LIGHT.styleClass());
        root.getStyleClass().add(mode.styleClass());
    }
}
