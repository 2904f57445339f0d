package io.flightdeck.ui.release;

import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadKey;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Export report… writes the chosen file (JSON or HTML by its name) off the FX thread and says where it went. */
class ReportExportTest {

    private final FxRobot robot = new FxRobot();
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
    }

    @Test
    void theButtonWritesTheReportToTheChosenFile(@TempDir Path dir) throws Exception {
        ReleaseSnapshot s = new ReleaseSnapshot("20261127-140000-beef", new ReleasePlan(new WorkloadKey("shop", "cart"),
                ReleaseChange.image("app", "registry.shop.example/cart:2.3"), ReleaseStrategy.canary(),
                ReleasePlan.weightedSteps(List.of(50, 100), null)), ReleasePhase.PAUSED, false, 3, List.of(), "",
                "", true, "", List.of(), 50, List.of(new ReleaseEvent(Instant.parse("2026-11-27T14:00:00Z"),
                new Actor("alice", "alice", "ws-1"), "start", "ok", Map.of())));
        Path json = dir.resolve("cart.json");
        Stage stage = FxToolkit.registerPrimaryStage();
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setScene(new Scene((Parent) ReportExport.row(() -> s, background, name -> json), 600, 100));
            stage.show();
        }).get(10, TimeUnit.SECONDS);
        robot.clickOn("#" + ReportExport.BUTTON_ID);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ((Label) robot.lookup("#" + ReportExport.STATUS_ID)
                .query()).getText().startsWith("report written to"));
        String text = Files.readString(json);
        assertTrue(text.contains("\"release\" : \"20261127-140000-beef\"") && text.contains("\"kubeUser\" : \"alice\""),
                text);
    }
}
