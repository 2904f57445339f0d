package io.flightdeck.app;

import io.flightdeck.model.ReleaseStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@code release --analysis} puts its gates among the steps. Pure; main thread.
 */
final class GatedSteps {

    private GatedSteps() {
    }

    /**
     * The steps of a gated release. {@code --steps} may place the gate itself ({@code 10,analysis,50,analysis,100});
     * without an {@code analysis} item, each weight below 100 is followed by {@code pause D} (with {@code --pause})
     * and the analysis, instead of a pause until promoted. Blue/green gets one analysis before the switch; rolling
     * has no separate new-version Deployment to measure, so gates are refused.
     */
    static List<ReleaseStep> of(String strategy, String stepsText, Duration pause, String analysis)
            throws UsageException {
        List<ReleaseStep> out = new ArrayList<>();
        switch (strategy) {
            case "canary" -> {
                String text = stepsText == null ? "10,25,50,100" : stepsText;
                boolean placed = false;
                int last = 0;
                for (String raw : text.split(",")) {
                    String item = raw.trim();
                    if (item.equals("analysis")) {
                        placed = true;
                        out.add(ReleaseStep.analysis(analysis));
                        continue;
                    }
                    int w;
                    try {
                        w = Integer.parseInt(item);
                    } catch (NumberFormatException e) {
                        w = -1;
                    }
                    if (w <= last || w > 100) {
                        throw new UsageException("--steps takes increasing weights between 1 and 100 and the word"
                                + " 'analysis', e.g. 10,analysis,50,analysis,100; got '" + text + "'");
                    }
                    last = w;
                    out.add(ReleaseStep.setWeight(w));
                }
                if (!placed) {
                    List<ReleaseStep> weights = List.copyOf(out);
                    out.clear();
                    for (ReleaseStep w : weights) {
                        out.add(w);
                        if (w.percent() < 100) {
                            if (pause != null) {
                                out.add(ReleaseStep.pause(pause));
                            }
                            out.add(ReleaseStep.analysis(analysis));
                        }
                    }
                }
            }
            case "bluegreen", "blue-green" -> {
                if (stepsText != null) {
                    throw new UsageException("--steps has no meaning for bluegreen: it switches all at once");
                }
                if (pause != null) {
                    out.add(ReleaseStep.pause(pause));
                }
                out.add(ReleaseStep.analysis(analysis));
            }
            case "rolling" -> throw new UsageException("--analysis needs the new version in its own Deployment:"
                    + " use --strategy canary or bluegreen");
            default -> throw new UsageException("--strategy is rolling, bluegreen or canary, not '" + strategy + "'");
        }
        return out;
    }
}
