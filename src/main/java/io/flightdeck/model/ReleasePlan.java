package io.flightdeck.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a release does: the target Deployment, the change to its pod template, the strategy with its parameters, the
 * steps, and optional analyses outside the steps. Rolling and canary steps are {@link ReleaseStep#setWeight}, pauses
 * and analyses; blue/green steps are the pauses and analyses before the switch. {@code backgroundAnalysis} (analysis
 * names, "" for none) is judged over the whole release, from the first step whose new pods take traffic until the new
 * version serves; a failure aborts the release. {@code postPromotionAnalysis} (blue/green only) is judged after the
 * switch while the old version stays scaled; a failure switches back. Immutable; stored in the release's journal.
 */
public record ReleasePlan(WorkloadKey target, ReleaseChange change, ReleaseStrategy strategy,
                          List<ReleaseStep> steps, String backgroundAnalysis, String postPromotionAnalysis) {

    public ReleasePlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(strategy, "strategy");
        steps = List.copyOf(steps == null ? List.of() : steps);
        backgroundAnalysis = backgroundAnalysis == null ? "" : backgroundAnalysis.trim();
        postPromotionAnalysis = postPromotionAnalysis == null ? "" : postPromotionAnalysis.trim();
        if (strategy.kind() == StrategyKind.BLUE_GREEN
                && steps.stream().anyMatch(s -> s.kind() == ReleaseStep.Kind.SET_WEIGHT)) {
            throw new IllegalArgumentException("blue/green has no weights: its steps are pauses and analyses");
        }
        if (!postPromotionAnalysis.isEmpty() && strategy.kind() != StrategyKind.BLUE_GREEN) {
            throw new IllegalArgumentException("a post-promotion analysis runs after a blue/green switch; "
                    + strategy.kind() + " has no switch (use a background analysis)");
        }
    }

    /** A plan without background or post-promotion analysis. */
    public ReleasePlan(WorkloadKey target, ReleaseChange change, ReleaseStrategy strategy, List<ReleaseStep> steps) {
        this(target, change, strategy, steps, "", "");
    }

    /** This plan with a background analysis over the whole release (analysis names, "" for none). */
    public ReleasePlan withBackgroundAnalysis(String analysis) {
        return new ReleasePlan(target, change, strategy, steps, analysis, postPromotionAnalysis);
    }

    /** This blue/green plan with an analysis after the switch (analysis names, "" for none). */
    public ReleasePlan withPostPromotionAnalysis(String analysis) {
        return new ReleasePlan(target, change, strategy, steps, backgroundAnalysis, analysis);
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
