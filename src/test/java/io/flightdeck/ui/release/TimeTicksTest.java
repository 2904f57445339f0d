package io.flightdeck.ui.release;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeTicksTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void aFewMinutesGetRoundMinuteTicksInsideTheSpan() {
        List<TimeTicks.Tick> ticks = TimeTicks.of(Instant.parse("2026-11-27T23:37:24Z"),
                Instant.parse("2026-11-27T23:40:47Z"), 8, UTC);
        assertEquals(List.of("23:37:30", "23:38:00", "23:38:30", "23:39:00", "23:39:30", "23:40:00", "23:40:30"),
                ticks.stream().map(TimeTicks.Tick::label).toList());
        assertTrue(ticks.stream().allMatch(t -> t.position() >= 0 && t.position() <= 1), ticks.toString());
        assertEquals(6.0 / 203, ticks.getFirst().position(), 1e-9);
    }

    @Test
    void daysOfHistoryGetDates() {
        List<TimeTicks.Tick> ticks = TimeTicks.of(Instant.parse("2026-11-20T10:00:00Z"),
                Instant.parse("2026-11-27T10:00:00Z"), 8, UTC);
        assertEquals("11-21", ticks.getFirst().label());
        assertEquals(7, ticks.size());
    }

    @Test
    void hoursAreLabelledInTheGivenZone() {
        List<TimeTicks.Tick> ticks = TimeTicks.of(Instant.parse("2026-11-27T09:10:00Z"),
                Instant.parse("2026-11-27T13:50:00Z"), 6, ZoneId.of("Europe/Berlin"));
        assertEquals(List.of("11:00", "12:00", "13:00", "14:00"), ticks.stream().map(TimeTicks.Tick::label).toList());
    }

    @Test
    void anEmptySpanHasNoTicks() {
        Instant t = Instant.parse("2026-11-27T10:00:00Z");
        assertEquals(List.of(), TimeTicks.of(t, t, 8, UTC));
    }
}
