package io.flightdeck.ui.release;

import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.report.ReportFiles;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * "Export report…" for a release: asks for a file (HTML or JSON by its extension), then writes the report of the
 * release's current snapshot (its whole journal) on the background executor and says where it went, or why not.
 * Built and clicked on the FX thread; the chooser is a function so tests can answer it.
 */
public final class ReportExport {

    public static final String BUTTON_ID = "release-export-report";
    public static final String STATUS_ID = "release-export-status";

    private ReportExport() {
    }

    /** A row with the button and its status, asking with a FileChooser over {@code owner}. */
    public static Node row(Supplier<ReleaseSnapshot> snapshot, Executor background, Supplier<Window> owner) {
        return row(snapshot, background, name -> choose(owner.get(), name));
    }

    public static Node row(Supplier<ReleaseSnapshot> snapshot, Executor background, Function<String, Path> chooser) {
        Label status = new Label();
        status.setId(STATUS_ID);
        Button export = new Button("Export report…");
        export.setId(BUTTON_ID);
        export.setOnAction(e -> {
            ReleaseSnapshot s = snapshot.get();
            Path file = s == null ? null : chooser.apply("release-" + s.id() + ".html");
            if (file == null) {
                return;
            }
            status.setText("writing " + file.getFileName() + "…");
            background.execute(() -> {
                String done;
                try {
                    ReportFiles.write(s, file);
                    done = "report written to " + file;
                } catch (IOException | RuntimeException ex) {
                    done = "report not written: " + ex.getMessage();
                }
                String text = done;
                Platform.runLater(() -> status.setText(text));
            });
        });
        HBox row = new HBox(8, export, status);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    private static Path choose(Window owner, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export release report");
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("HTML report (*.html)", "*.html"),
                new FileChooser.ExtensionFilter("JSON (*.json)", "*.json"));
        File f = chooser.showSaveDialog(owner);
        if (f == null) {
            return null;
        }
        boolean json = chooser.getSelectedExtensionFilter() != null
                && chooser.getSelectedExtensionFilter().getExtensions().contains("*.json");
        String n = f.getName().toLowerCase(java.util.Locale.ROOT);
        if (!n.endsWith(".html") && !n.endsWith(".htm") && !n.endsWith(".json")) {
            f = new File(f.getParentFile(), f.getName() + (json ? ".json" : ".html"));
        }
        return f.toPath();
    }
}
