package io.flightdeck.ui.release;

import io.flightdeck.model.ReleaseStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A plan's steps as one line of text, as the wizard edits them: comma-separated {@code 10} (set weight 10%),
 * {@code pause} (until promoted), {@code pause 30s} / {@code pause 2m}, {@code analysis NAME}. Pure; any thread.
 */
public final class StepsText {

    private StepsText() {
    }

    public static String format(List<ReleaseStep> steps) {
        return steps.stream().map(s -> switch (s.kind()) {
            case SET_WEIGHT -> Integer.toString(s.percent());
            case PAUSE -> s.duration() == null ? "pause" : "pause " + s.duration().toSeconds() + "s";
            case ANALYSIS -> "analysis " + s.analysis();
        }).collect(Collectors.joining(", "));
    }

    /** The steps; throws IllegalArgumentException naming the first item that is not a step. */
    public static List<ReleaseStep> parse(String text) {
        List<ReleaseStep> steps = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return steps;
        }
        for (String raw : text.split(",")) {
            String item = raw.trim().toLowerCase(Locale.ROOT);
            if (item.matches("\\d{1,3}%?")) {
                int percent = Integer.parseInt(item.replace("%", ""));
                if (percent > 100) {
                    throw new IllegalArgumentException("a weight is at most 100: '" + raw.trim() + "'");
                }
                steps.add(ReleaseStep.setWeight(percent));
            } else if (item.equals("pause")) {
                steps.add(ReleaseStep.pause());
            } else if (item.matches("pause \\d+[smh]")) {
                steps.add(ReleaseStep.pause(duration(item.substring(6))));
            } else if (item.matches("analysis [a-z0-9][a-z0-9.-]*")) {
                steps.add(ReleaseStep.analysis(raw.trim().substring(9).trim()));
            } else {
                throw new IllegalArgumentException("not a step: '" + raw.trim()
                        + "' (use a weight such as 25, pause, pause 30s or analysis NAME)");
            }
        }
        return steps;
    }

    /** A duration such as 30s, 2m or 1h; throws IllegalArgumentException naming {@code what}. */
    public static Duration duration(String what, String text) {
        String d = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (!d.matches("\\d+[smh]")) {
            throw new IllegalArgumentException(what + " is a duration such as 30s, 2m or 1h: '" + d + "'");
        }
        return duration(d);
    }

    private static Duration duration(String d) {
        long n = Long.parseLong(d.substring(0, d.length() - 1));
        return switch (d.charAt(d.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
