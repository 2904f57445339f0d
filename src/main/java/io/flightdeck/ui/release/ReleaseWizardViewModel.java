package io.flightdeck.ui.release;

import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.StrategyKind;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.release.ReleaseHandle;
import io.flightdeck.release.PreflightException;
import io.flightdeck.signals.analysis.BuiltInTemplates;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The release wizard: target Deployment, container, new image, strategy and steps (from a preset, editable as text),
 * a background analysis and (blue/green) a post-promotion analysis as built-in template names, then Start.
 * {@link #problemProperty} says what keeps Start disabled. Start builds a {@link ReleasePlan} and hands it to the
 * {@link Starter} on the background executor (the engine blocks for its preflight, lock and journal calls); the outcome
 * comes back through the FX executor: a started handle goes to the {@code onStarted} consumer, a refusal (preflight,
 * lock, anything else) is shown in {@link #errorProperty} and the wizard stays open. Properties are read and written
 * on the FX thread; tests pass direct executors.
 */
public final class ReleaseWizardViewModel {

    /** Starts a release; {@code engine::start} in the application. Called on the background executor. */
    @FunctionalInterface
    public interface Starter {
        ReleaseHandle start(ReleasePlan plan);
    }

    private final Starter starter;
    private final Executor background;
    private final Executor fx;
    private final StringProperty namespace = new SimpleStringProperty("");
    private final StringProperty deployment = new SimpleStringProperty("");
    private final StringProperty container = new SimpleStringProperty("");
    private final StringProperty image = new SimpleStringProperty("");
    private final ObjectProperty<StrategyKind> strategy = new SimpleObjectProperty<>(StrategyKind.CANARY);
    private final StringProperty steps = new SimpleStringProperty("");
    private final StringProperty maxSurge = new SimpleStringProperty("");
    private final StringProperty maxUnavailable = new SimpleStringProperty("");
    private final StringProperty service = new SimpleStringProperty("");
    private final StringProperty previewService = new SimpleStringProperty("");
    private final StringProperty scaleDownDelay = new SimpleStringProperty("30s");
    private final StringProperty backgroundAnalysis = new SimpleStringProperty("");
    private final StringProperty postPromotionAnalysis = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper();
    private final StringBinding imageProblem;
    private final StringBinding problem;
    private final BooleanBinding canStart;

    public ReleaseWizardViewModel(Starter starter, Executor background, Executor fx) {
        this.starter = Objects.requireNonNull(starter);
        this.background = Objects.requireNonNull(background);
        this.fx = Objects.requireNonNull(fx);
        imageProblem = Bindings.createStringBinding(() -> ImageReference.problem(image.get()), image);
        problem = Bindings.createStringBinding(this::computeProblem, namespace, deployment, container, image, strategy,
                steps, maxSurge, maxUnavailable, service, previewService, scaleDownDelay, backgroundAnalysis,
                postPromotionAnalysis);
        canStart = Bindings.createBooleanBinding(() -> problem.get().isEmpty() && !starting.get(), problem, starting);
        applyPreset(StepPreset.CANARY);
    }

    /** Fills in a Deployment and its container (e.g. from the selection in the workloads screen). */
    public void target(WorkloadKey key, String containerName, String currentImage) {
        namespace.set(key.namespace());
        deployment.set(key.name());
        container.set(containerName == null ? "" : containerName);
        image.set(currentImage == null ? "" : currentImage);
    }

    public void applyPreset(StepPreset preset) {
        strategy.set(preset.strategy());
        steps.set(StepsText.format(preset.steps()));
    }

    private String computeProblem() {
        if (namespace.get().isBlank() || deployment.get().isBlank()) {
            return "choose a Deployment (namespace and name)";
        }
        if (container.get().isBlank()) {
            return "name the container whose image changes";
        }
        String p = ImageReference.problem(image.get());
        if (!p.isEmpty()) {
            return "image: " + p;
        }
        try {
            plan();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The plan the fields describe; throws IllegalArgumentException when they do not describe one. */
    public ReleasePlan plan() {
        List<ReleaseStep> parsed = StepsText.parse(steps.get());
        ReleaseStrategy s = switch (strategy.get()) {
            case ROLLING -> ReleaseStrategy.rolling(surgeOrUnavailable("max surge", maxSurge.get()),
                    surgeOrUnavailable("max unavailable", maxUnavailable.get()));
            case BLUE_GREEN -> ReleaseStrategy.blueGreen(service.get().trim(), previewService.get().trim(),
                    StepsText.duration("scale-down delay", scaleDownDelay.get()));
            case CANARY -> ReleaseStrategy.canary(service.get().trim());
        };
        StrategyKind kind = strategy.get();
        return new ReleasePlan(new WorkloadKey(namespace.get().trim(), deployment.get().trim()),
                ReleaseChange.image(container.get().trim(), image.get().trim()), s, parsed)
                .withBackgroundAnalysis(analysis("background analysis", backgroundAnalysis.get(), kind))
                .withPostPromotionAnalysis(kind == StrategyKind.BLUE_GREEN
                        ? analysis("post-promotion analysis", postPromotionAnalysis.get(), kind) : "");
    }

    /**
     * Built-in template names separated by commas, normalized to {@code a,b}; "" for none. An unknown or repeated
     * name, or canary-vs-stable in a rolling release (it has no canary or green Deployment), is an
     * IllegalArgumentException that names it.
     */
    static String analysis(String what, String text, StrategyKind kind) {
        if (text == null || text.isBlank()) {
            return "";
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (String raw : text.split(",")) {
            String name = raw.trim();
            if (!BuiltInTemplates.names().contains(name)) {
                throw new IllegalArgumentException(what + ": '" + name + "' is not a built-in template; choose from "
                        + String.join(", ", BuiltInTemplates.names()));
            }
            if (name.equals(BuiltInTemplates.CANARY_VS_STABLE) && kind == StrategyKind.ROLLING) {
                throw new IllegalArgumentException(what + ": " + name + " needs a canary or green Deployment; a"
                        + " rolling release has none");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(what + ": '" + name + "' is named twice");
            }
        }
        return String.join(",", names);
    }

    private static String surgeOrUnavailable(String what, String value) {
        String v = value.trim();
        if (!v.isEmpty() && !v.matches("\\d+%?")) {
            throw new IllegalArgumentException(what + " is a number or a percentage, e.g. 1 or 25%: '" + v + "'");
        }
        return v;
    }

    /**
     * Starts the release off the FX thread; {@code onStarted} gets the handle on the FX executor. Does nothing while a
     * start is under way or the fields have a problem.
     */
    public void start(Consumer<ReleaseHandle> onStarted) {
        if (!canStart.get()) {
            return;
        }
        ReleasePlan plan = plan();
        error.set("");
        starting.set(true);
        background.execute(() -> {
            try {
                ReleaseHandle h = starter.start(plan);
                fx.execute(() -> {
                    starting.set(false);
                    onStarted.accept(h);
                });
            } catch (RuntimeException e) {
                String message = message(e);
                fx.execute(() -> {
                    starting.set(false);
                    error.set(message);
                });
            }
        });
    }

    static String message(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof PreflightException p) {
            return "Preflight refused the release: " + p.getMessage();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public StringProperty deploymentProperty() {
        return deployment;
    }

    public StringProperty containerProperty() {
        return container;
    }

    public StringProperty imageProperty() {
        return image;
    }

    public ObjectProperty<StrategyKind> strategyProperty() {
        return strategy;
    }

    public StringProperty stepsProperty() {
        return steps;
    }

    /** Rolling: maxSurge, "" for the Deployment's own. */
    public StringProperty maxSurgeProperty() {
        return maxSurge;
    }

    /** Rolling: maxUnavailable, "" for the Deployment's own. */
    public StringProperty maxUnavailableProperty() {
        return maxUnavailable;
    }

    /** Blue/green: the active Service; canary: the Service an HTTPRoute routes to; "" for the Deployment's name. */
    public StringProperty serviceProperty() {
        return service;
    }

    /** Blue/green: the preview Service, "" for none. */
    public StringProperty previewServiceProperty() {
        return previewService;
    }

    /** Blue/green: how long the old version is kept after the switch, e.g. 30s or 2m. */
    public StringProperty scaleDownDelayProperty() {
        return scaleDownDelay;
    }

    /** Built-in templates judged over the whole release, e.g. "success-rate,restarts"; "" for none. */
    public StringProperty backgroundAnalysisProperty() {
        return backgroundAnalysis;
    }

    /** Blue/green: built-in templates judged after the switch while the old version stays scaled; "" for none. */
    public StringProperty postPromotionAnalysisProperty() {
        return postPromotionAnalysis;
    }

    /** What is wrong with the image alone, "" when nothing is; for the hint under the image field. */
    public StringBinding imageProblemProperty() {
        return imageProblem;
    }

    /** What keeps Start disabled, "" when nothing does. */
    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    /** The last refusal from the engine (preflight, lock), "" when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty startingProperty() {
        return starting.getReadOnlyProperty();
    }
}
