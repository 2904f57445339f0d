package io.flightdeck.ui.release;

import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.StrategyKind;

import java.util.List;

/** The wizard's step presets: each picks a strategy and its steps, which the operator may then edit. */
public enum StepPreset {
    CANARY("Canary 10, 25, 50, 100 with pauses", StrategyKind.CANARY,
            ReleasePlan.weightedSteps(List.of(10, 25, 50, 100), null)),
    ROLLING("Rolling, all at once", StrategyKind.ROLLING, List.of()),
    ROLLING_STAGED("Rolling 50% then pause", StrategyKind.ROLLING, ReleasePlan.weightedSteps(List.of(50, 100), null)),
    BLUE_GREEN("Blue/green with analysis", StrategyKind.BLUE_GREEN,
            List.of(ReleaseStep.analysis("smoke"), ReleaseStep.pause()));

    private final String label;
    private final StrategyKind strategy;
    private final List<ReleaseStep> steps;

    StepPreset(String label, StrategyKind strategy, List<ReleaseStep> steps) {
        this.label = label;
        this.strategy = strategy;
        this.steps = steps;
    }

    public StrategyKind strategy() {
        return strategy;
    }

    public List<ReleaseStep> steps() {
        return steps;
    }

    @Override
    public String toString() {
        return label;
    }
}
