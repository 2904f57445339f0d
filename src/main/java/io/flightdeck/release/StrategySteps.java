package io.flightdeck.release;

import io.flightdeck.model.ReleasePlan;

import java.util.List;
import java.util.function.Consumer;

/**
 * A strategy compiled for one plan: the forward steps, the abort steps that put everything back, what an operator's
 * pause does to the cluster (rolling pauses the Deployment; the others only stop stepping), and the window of forward
 * steps in which a background analysis is judged: from {@code backgroundFrom}, the first step at which the new
 * version takes traffic, to {@code backgroundUntil} (exclusive), where the new version serves and the tracked pods go
 * away. Built the same way by every engine from the journal's plan, so step indexes mean the same everywhere.
 */
record StrategySteps(List<Step> forward, List<Step> abort, Consumer<StepContext> onPause, int backgroundFrom,
                     int backgroundUntil) {

    static StrategySteps of(ReleasePlan plan) {
        return switch (plan.strategy().kind()) {
            case ROLLING -> RollingStrategy.steps(plan);
            case CANARY -> CanaryStrategy.steps(plan);
            case BLUE_GREEN -> BlueGreenStrategy.steps(plan);
        };
    }

    List<Step> list(boolean aborting) {
        return aborting ? abort : forward;
    }

    BackgroundAnalysis background(ReleasePlan plan) {
        return new BackgroundAnalysis(plan, backgroundFrom, backgroundUntil);
    }
}
