package io.flightdeck.ui.release;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The tick marks of the timeline's time axis: a round step (1 s up to 7 days) so that at most {@code maxTicks} fall
 * between the first and the last time, each with its position (0 to 1) and a label as precise as the step needs
 * (seconds, minutes, or the date). Pure; the timeline view calls it on the FX thread when it draws.
 */
final class TimeTicks {

    record Tick(double position, String label) {
    }

    private static final List<Duration> STEPS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MM-dd");

    private TimeTicks() {
    }

    static List<Tick> of(Instant first, Instant last, int maxTicks, ZoneId zone) {
        long span = Duration.between(first, last).toMillis();
        if (span <= 0 || maxTicks < 1) {
            return List.of();
        }
        Duration step = STEPS.getLast();
        for (Duration s : STEPS) {
            if (span / s.toMillis() < maxTicks) {
                step = s;
                break;
            }
        }
        DateTimeFormatter format = (step.toMinutes() < 1 ? SECONDS : step.toDays() < 1 ? MINUTES : DAYS)
                .withZone(zone);
        long stepMs = step.toMillis();
        long offset = zone.getRules().getOffset(first).getTotalSeconds() * 1000L;
        long t = Math.floorDiv(first.toEpochMilli() + offset + stepMs - 1, stepMs) * stepMs - offset;
        List<Tick> ticks = new ArrayList<>();
        for (; t <= last.toEpochMilli(); t += stepMs) {
            ticks.add(new Tick((t - first.toEpochMilli()) / (double) span, format.format(Instant.ofEpochMilli(t))));
        }
        return ticks;
    }
}
