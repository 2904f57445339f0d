package io.flightdeck.ui.shell;

import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Shows the main window headless (Monocle) and checks what the window manager gets from it. */
class ShellViewTest {

    private static Stage stage;

    @BeforeAll
    static void startToolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void theWindowCarriesTheFlightdeckIconInEverySizeItShips() throws Exception {
        FxToolkit.setupFixture(() -> new ShellView(new ShellViewModel()).show(stage));

        List<Image> icons = FxToolkit.setupFixture(() -> List.copyOf(stage.getIcons()));

        assertEquals(List.of(16, 32, 64, 128, 256), icons.stream().map(icon -> (int) icon.getWidth()).toList());
        for (Image icon : icons) {
            assertFalse(icon.isError(), () -> "icon failed to load: " + icon.getUrl());
            assertEquals(icon.getWidth(), icon.getHeight(), icon.getUrl());
        }
    }
}
