package io.flightdeck.ui.workloads;

import io.flightdeck.model.ProbeHealth;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The probe detail of the selected pod, right of the grid: status, readiness, restarts, last termination reason,
 * where it runs, each configured probe with its health and last failure, and the pod's recent warning events. Rebuilt
 * (a few dozen labels) only when what it shows changed. FX thread.
 */
public final class PodDetailView {

    public static final String ID = "pod-detail";

    private final PodDetailViewModel model;
    private final VBox content = new VBox();

    public PodDetailView(PodDetailViewModel model) {
        this.model = model;
    }

    public Node build() {
        content.setId(ID);
        content.getStyleClass().add("pod-detail");
        show(model.detailProperty().get());
        model.detailProperty().addListener((obs, old, now) -> show(now));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("pod-detail-scroll");
        return scroll;
    }

    private void show(PodDetail d) {
        content.getChildren().clear();
        if (d == null) {
            content.getChildren().add(muted("Select a pod in the grid to see its probes, restarts and failures."));
            return;
        }
        Label title = new Label(d.name());
        title.setId("pod-detail-name");
        title.getStyleClass().add("detail-title");
        title.setWrapText(true);
        content.getChildren().add(title);
        if (d.gone()) {
            content.getChildren().add(muted("This pod no longer exists."));
            return;
        }
        GridPane facts = new GridPane();
        facts.getStyleClass().add("detail-facts");
        int row = 0;
        Label status = new Label(d.status());
        status.getStyleClass().addAll("detail-value", "pod-tone-" + d.tone().name().toLowerCase(Locale.ROOT));
        facts.addRow(row++, key("Status"), status);
        facts.addRow(row++, key("Ready"), value(d.ready() ? "yes" : "no", "pod-ready-value"));
        facts.addRow(row++, key("Restarts"), value(Integer.toString(d.restarts()), "pod-restarts-value"));
        facts.addRow(row++, key("Last termination"), value(d.lastTermination() == null ? "none"
                : d.lastTermination(), "pod-termination-value"));
        facts.addRow(row++, key("Node"), value(d.node(), null));
        facts.addRow(row++, key("Pod IP"), value(d.podIp(), null));
        facts.addRow(row++, key("Age"), value(d.age(), null));
        facts.addRow(row++, key("Revision"), value(d.hash(), null));
        facts.addRow(row, key("Image"), value(d.image(), null));
        content.getChildren().addAll(facts, heading("Probes"));
        for (PodDetail.Probe probe : d.probes()) {
            content.getChildren().add(probe(probe));
        }
        content.getChildren().add(heading("Recent warnings"));
        if (d.failures().isEmpty()) {
            content.getChildren().add(muted("None"));
        }
        for (PodDetail.Failure f : d.failures()) {
            Label head = new Label(f.reason() + (f.count() > 1 ? " ×" + f.count() : "") + " · " + f.age() + " ago");
            head.getStyleClass().add("failure-head");
            Label message = new Label(f.message());
            message.setWrapText(true);
            message.getStyleClass().add("failure-message");
            content.getChildren().add(new VBox(2, head, message));
        }
    }

    private static Node probe(PodDetail.Probe probe) {
        String kind = probe.kind().name().charAt(0) + probe.kind().name().substring(1).toLowerCase(Locale.ROOT);
        Label mark = new Label(kind.substring(0, 1));
        mark.getStyleClass().addAll("probe-mark", "probe-" + probe.health().name().toLowerCase(Locale.ROOT));
        mark.setMinWidth(20);
        Label name = new Label(kind + ": " + word(probe.health()));
        name.getStyleClass().add("probe-name");
        HBox line = new HBox(8, mark, name);
        VBox box = new VBox(3, line);
        box.getStyleClass().add("probe-box");
        box.setId("probe-" + probe.kind().name().toLowerCase(Locale.ROOT));
        if (probe.health() != ProbeHealth.NONE || !"not configured".equals(probe.configured())) {
            Label configured = new Label(probe.configured());
            configured.setWrapText(true);
            configured.getStyleClass().add("probe-configured");
            box.getChildren().add(configured);
        }
        if (probe.lastFailure() != null && !probe.lastFailure().isBlank()) {
            Label failure = new Label("Last failure" + (probe.lastFailureAge() == null ? "" : " " + probe.lastFailureAge()
                    + " ago") + ": " + probe.lastFailure());
            failure.setWrapText(true);
            failure.getStyleClass().add("probe-failure");
            box.getChildren().add(failure);
        }
        return box;
    }

    private static String word(ProbeHealth health) {
        return switch (health) {
            case NONE -> "not configured";
            case PENDING -> "not run yet";
            case PASSING -> "passing";
            case FAILING -> "failing";
        };
    }

    private static Label key(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("detail-key");
        label.setMinWidth(Label.USE_PREF_SIZE);
        return label;
    }

    private static Label value(String text, String id) {
        Label label = new Label(text);
        label.getStyleClass().add("detail-value");
        label.setWrapText(true);
        GridPane.setHgrow(label, Priority.ALWAYS);
        if (id != null) {
            label.setId(id);
        }
        return label;
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("detail-heading");
        return label;
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("detail-muted");
        return label;
    }
}
