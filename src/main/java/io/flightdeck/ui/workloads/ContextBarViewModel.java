package io.flightdeck.ui.workloads;

import io.flightdeck.cluster.ClusterState;
import io.flightdeck.model.NamespaceSelection;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The context and namespace selectors: which context and namespaces are open, which can be chosen, and a switch under
 * way. A switch goes to the {@link ContextChooser}; its result, which may arrive on any thread, is parked and taken
 * up by the next tick ({@link #takeOpened}), never through a runLater. FX thread (or a test thread), except the
 * completion of the chooser's stage.
 */
public final class ContextBarViewModel {

    private record Outcome(long seq, String context, NamespaceSelection namespaces, ClusterState state, Throwable error) {
    }

    private final ContextChooser chooser;
    private final ObservableList<String> contexts = FXCollections.observableArrayList();
    private final ObservableList<String> namespaceOptions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper activeContext = new ReadOnlyStringWrapper(this, "activeContext");
    private final ReadOnlyObjectWrapper<NamespaceSelection> activeNamespaces =
            new ReadOnlyObjectWrapper<>(this, "activeNamespaces", NamespaceSelection.all());
    private final ReadOnlyStringWrapper switchingTo = new ReadOnlyStringWrapper(this, "switchingTo");
    private final ReadOnlyBooleanWrapper switching = new ReadOnlyBooleanWrapper(this, "switching");
    private final ReadOnlyStringWrapper switchError = new ReadOnlyStringWrapper(this, "switchError");
    private final AtomicReference<Outcome> outcome = new AtomicReference<>();
    private final ReadOnlyBooleanWrapper wallAvailable = new ReadOnlyBooleanWrapper(this, "wallAvailable");
    private Runnable wallAction = () -> { };
    private long seq;

    public ContextBarViewModel(ContextChooser chooser) {
        this.chooser = Objects.requireNonNull(chooser);
        contexts.setAll(chooser.contexts());
        activeContext.set(chooser.currentContext());
        activeNamespaces.set(chooser.currentNamespaces());
        offerNamespaces(List.of());
    }

    /** Opens {@code context} on {@code namespaces} unless exactly that is open already; the result comes by tick. */
    public void request(String context, NamespaceSelection namespaces) {
        if (context == null || namespaces == null) {
            return;
        }
        boolean same = context.equals(activeContext.get()) && namespaces.equals(activeNamespaces.get());
        if (same && !switching.get() && switchError.get() == null) {
            return;
        }
        long mine = ++seq;
        switching.set(true);
        switchingTo.set(context);
        switchError.set(null);
        try {
            chooser.switchTo(context, namespaces).whenComplete((state, error) ->
                    outcome.set(new Outcome(mine, context, namespaces, state, error)));
        } catch (RuntimeException e) {
            outcome.set(new Outcome(mine, context, namespaces, null, e));
        }
    }

    /** Opens another context on the namespaces open now. */
    public void requestContext(String context) {
        request(context, activeNamespaces.get());
    }

    /** Opens the active context on other namespaces. */
    public void requestNamespaces(NamespaceSelection namespaces) {
        request(switching.get() ? switchingTo.get() : activeContext.get(), namespaces);
    }

    /** Takes the result of the latest switch, if it arrived: the new state, or nothing (then an error is shown). */
    public Optional<ClusterState> takeOpened() {
        Outcome done = outcome.getAndSet(null);
        if (done == null || done.seq() != seq) {
            return Optional.empty();
        }
        switching.set(false);
        switchingTo.set(null);
        if (done.error() != null || done.state() == null) {
            switchError.set(done.context() + ": " + message(done.error()));
            return Optional.empty();
        }
        activeContext.set(done.context());
        activeNamespaces.set(done.namespaces());
        offerNamespaces(List.of());
        return Optional.of(done.state());
    }

    private static String message(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return "no cluster state";
        }
        return cause.getMessage() == null || cause.getMessage().isBlank() ? cause.toString() : cause.getMessage();
    }

    /** Offers the namespaces seen in the cluster, those the chooser knows and those open now. */
    public void offerNamespaces(Collection<String> seen) {
        TreeSet<String> names = new TreeSet<>(seen);
        names.addAll(chooser.knownNamespaces());
        names.addAll(activeNamespaces.get().names());
        if (!namespaceOptions.equals(List.copyOf(names))) {
            namespaceOptions.setAll(names);
        }
    }

    /** How the selector names a selection: "All namespaces", "shop", or "shop, payments" (at most three names). */
    public static String label(NamespaceSelection selection) {
        List<String> names = selection.names();
        if (names.isEmpty()) {
            return "All namespaces";
        }
        if (names.size() <= 3) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 2)) + " +" + (names.size() - 2);
    }

    public ObservableList<String> contexts() {
        return contexts;
    }

    public ObservableList<String> namespaceOptions() {
        return namespaceOptions;
    }

    public ReadOnlyStringProperty activeContextProperty() {
        return activeContext.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NamespaceSelection> activeNamespacesProperty() {
        return activeNamespaces.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty switchingProperty() {
        return switching.getReadOnlyProperty();
    }

    /** The context a switch under way goes to, or null. */
    public ReadOnlyStringProperty switchingToProperty() {
        return switchingTo.getReadOnlyProperty();
    }

    /** Which context the latest switch failed to open and why ("prod: connection refused"), or null. */
    public ReadOnlyStringProperty switchErrorProperty() {
        return switchError.getReadOnlyProperty();
    }

    /** Offers the wall-mode toggle; {@code action} opens the read-only wall (the same as F11). FX thread. */
    public void setWallAction(Runnable action) {
        wallAction = Objects.requireNonNull(action);
        wallAvailable.set(true);
    }

    /** Whether the bar offers wall mode: only once the application has wired it. */
    public ReadOnlyBooleanProperty wallAvailableProperty() {
        return wallAvailable.getReadOnlyProperty();
    }

    /** The wall-mode button was pressed. FX thread. */
    public void requestWall() {
        wallAction.run();
    }
}
