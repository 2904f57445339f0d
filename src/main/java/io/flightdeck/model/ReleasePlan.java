package io.flightdeck.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a release does: the target Deployment, the change to its pod template, the strategy with its parameters, and
 * the steps. Rolling and canary steps are {@link ReleaseStep#setWeight}, pauses and analyses; blue/green steps are the
 * pauses and analyses before the switch. Immutable; stored in the release's journal.
 */
public record ReleasePlan(WorkloadKey target, ReleaseChange change, ReleaseStrategy strategy,
                          List<ReleaseStep> steps) {

    public ReleasePlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(strategy, "strategy");
        steps = List.copyOf(steps == null ? List.of() : steps);
        if (strategy.kind() == StrategyKind.BLUE_GREEN
                && steps.stream().anyMatch(s -> s.kind() == ReleaseStep.Kind.SET_WEIGHT)) {
            throw new IllegalArgumentException("blue/green has no weights: its steps are pauses and analyses");
        }
    }

    /**
     * The steps for weights such as 10, 25, 50, 100: a setWeight for each, each but the last followed by a pause of
     * {@code pause} (null: until promoted).
     */
    public static List<ReleaseStep> weightedSteps(List<Integer> weights, Duration pause) {
        List<ReleaseStep> steps = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            steps.add(ReleaseStep.setWeight(weights.get(i)));
            if (i < weights.size() - 1 || weights.get(i) < 100) {
                steps.add(pause == null ? ReleaseStep.pause() : ReleaseStep.pause(pause));
            }
        }
        return steps;
    }
}
