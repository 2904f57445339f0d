package io.flightdeck.ui.release;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import java.util.function.Supplier;

/** Confirms with a modal JavaFX {@link Alert} over the given window; OK agrees, Cancel (the default) does not. FX thread. */
public final class AlertConfirmer implements Confirmer {

    private final Supplier<Window> owner;

    public AlertConfirmer(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(String action, String details) {
        ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, details, ok, ButtonType.CANCEL);
        alert.setTitle(action);
        alert.setHeaderText(action + "?");
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        return alert.showAndWait().filter(ok::equals).isPresent();
    }
}
