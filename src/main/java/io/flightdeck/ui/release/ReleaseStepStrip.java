package io.flightdeck.ui.release;

import io.flightdeck.model.ReleaseSnapshot;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

import java.util.List;
import java.util.Locale;

/**
 * A release's steps as a strip of chips, left to right; each chip's pseudo-class is its state (done, current,
 * waiting, failed) and the stylesheet colours it. Follows an observable list of steps. FX thread.
 */
public final class ReleaseStepStrip extends FlowPane {

    public static final String STYLE_CLASS = "release-step-strip";
    public static final String STEP_CLASS = "release-step";

    private static final List<PseudoClass> STATES = java.util.Arrays.stream(ReleaseSnapshot.StepState.values())
            .map(s -> PseudoClass.getPseudoClass(s.name().toLowerCase(Locale.ROOT))).toList();

    public ReleaseStepStrip(ObservableList<ReleaseSnapshot.StepView> steps) {
        getStyleClass().add(STYLE_CLASS);
        setHgap(4);
        setVgap(4);
        steps.addListener((ListChangeListener<ReleaseSnapshot.StepView>) c -> show(steps));
        show(steps);
    }

    private void show(List<ReleaseSnapshot.StepView> steps) {
        getChildren().clear();
        for (int i = 0; i < steps.size(); i++) {
            ReleaseSnapshot.StepView step = steps.get(i);
            Label chip = new Label((i + 1) + " " + step.name());
            chip.getStyleClass().add(STEP_CLASS);
            chip.setTooltip(new Tooltip(step.name() + ": " + step.state().name().toLowerCase(Locale.ROOT)));
            for (ReleaseSnapshot.StepState s : ReleaseSnapshot.StepState.values()) {
                chip.pseudoClassStateChanged(STATES.get(s.ordinal()), s == step.state());
            }
            getChildren().add(chip);
        }
    }
}
