package io.flightdeck.ui.shell;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Optional;

/**
 * The state of the main window: its title and which cluster it works on, in words. Its {@code show...} methods are
 * called on the FX thread (or before the window exists), and build every text the window shows.
 */
public final class ShellViewModel {

    public static final String TITLE = "Flightdeck";

    private final StringProperty title = new SimpleStringProperty(TITLE);
    private final StringProperty clusterText = new SimpleStringProperty("Cluster: not chosen");
    private final StringProperty serverText = new SimpleStringProperty("");
    private final StringProperty namespaceText = new SimpleStringProperty("");
    private final StringProperty reasonText = new SimpleStringProperty("");
    private final ObjectProperty<ClusterBadge> badge = new SimpleObjectProperty<>(ClusterBadge.PENDING);

    /** A kubeconfig context served at {@code masterUrl}. */
    public void showContext(String context, String masterUrl, Optional<String> namespace, String reason) {
        clusterText.set("Cluster: " + context + " (" + masterUrl + ")");
        serverText.set(masterUrl);
        show(namespace, reason, ClusterBadge.CLUSTER);
    }

    public void showSandboxStarting(Optional<String> namespace, String reason) {
        clusterText.set("Sandbox: starting…");
        serverText.set("not serving yet");
        show(namespace, reason, ClusterBadge.PENDING);
    }

    public void showSandboxServing(String masterUrl, Optional<String> namespace, String reason) {
        clusterText.set("Sandbox: serving at " + masterUrl);
        serverText.set(masterUrl);
        show(namespace, reason, ClusterBadge.SANDBOX);
    }

    public void showSandboxNotStarted(String why, Optional<String> namespace, String reason) {
        clusterText.set("Sandbox: not started (" + why + ")");
        serverText.set("none");
        show(namespace, reason, ClusterBadge.PROBLEM);
    }

    private void show(Optional<String> namespace, String reason, ClusterBadge newBadge) {
        namespaceText.set(namespace.orElse("all namespaces"));
        reasonText.set(reason);
        badge.set(newBadge);
    }

    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    public ReadOnlyStringProperty clusterTextProperty() {
        return clusterText;
    }

    public ReadOnlyStringProperty serverTextProperty() {
        return serverText;
    }

    public ReadOnlyStringProperty namespaceTextProperty() {
        return namespaceText;
    }

    public ReadOnlyStringProperty reasonTextProperty() {
        return reasonText;
    }

    public ReadOnlyObjectProperty<ClusterBadge> badgeProperty() {
        return badge;
    }
}
