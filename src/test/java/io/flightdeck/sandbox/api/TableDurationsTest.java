package io.flightdeck.sandbox.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TableDurationsTest {

    @Test
    void humanDurationMatchesApimachinery() {
        // The cases of k8s.io/apimachinery/pkg/util/duration TestHumanDuration, and each branch's boundaries.
        assertEquals("1s", Durations.human(Duration.ofSeconds(1)));
        assertEquals("70s", Durations.human(Duration.ofSeconds(70)));
        assertEquals("119s", Durations.human(Duration.ofMillis(119_999)));
        assertEquals("2m", Durations.human(Duration.ofSeconds(120)));
        assertEquals("3m10s", Durations.human(Duration.ofSeconds(190)));
        assertEquals("9m59s", Durations.human(Duration.ofSeconds(599)));
        assertEquals("10m", Durations.human(Duration.ofSeconds(659)));
        assertEquals("70m", Durations.human(Duration.ofMinutes(70)));
        assertEquals("179m", Durations.human(Duration.ofMinutes(179)));
        assertEquals("3h", Durations.human(Duration.ofHours(3)));
        assertEquals("3h2m", Durations.human(Duration.ofMinutes(182)));
        assertEquals("7h59m", Durations.human(Duration.ofMinutes(479)));
        assertEquals("8h", Durations.human(Duration.ofMinutes(539)));
        assertEquals("47h", Durations.human(Duration.ofHours(47)));
        assertEquals("2d", Durations.human(Duration.ofHours(48)));
        assertEquals("2d1h", Durations.human(Duration.ofHours(49)));
        assertEquals("2d3h", Durations.human(Duration.ofHours(51).plusMinutes(59)));
        assertEquals("8d", Durations.human(Duration.ofHours(8 * 24 + 2)));
        assertEquals("367d", Durations.human(Duration.ofHours(367 * 24)));
        assertEquals("2y1d", Durations.human(Duration.ofHours(365 * 2 * 24 + 25)));
        assertEquals("3y", Durations.human(Duration.ofDays(365 * 3)));
        assertEquals("8y", Durations.human(Duration.ofHours(365 * 8 * 24 + 2)));
    }

    @Test
    void clockSkewOfUpToTwoSecondsIsNow() {
        assertEquals("0s", Durations.human(Duration.ZERO));
        assertEquals("0s", Durations.human(Duration.ofMillis(-1999)));
        assertEquals("<invalid>", Durations.human(Duration.ofSeconds(-2)));
        assertEquals("0s", Durations.shortHuman(Duration.ofMillis(-1500)));
        assertEquals("<invalid>", Durations.shortHuman(Duration.ofSeconds(-3)));
    }

    @Test
    void shortHumanDurationKeepsOneUnit() {
        assertEquals("59s", Durations.shortHuman(Duration.ofSeconds(59)));
        assertEquals("3m", Durations.shortHuman(Duration.ofSeconds(190)));
        assertEquals("23h", Durations.shortHuman(Duration.ofMinutes(23 * 60 + 59)));
        assertEquals("2d", Durations.shortHuman(Duration.ofHours(51)));
        assertEquals("364d", Durations.shortHuman(Duration.ofDays(364)));
        assertEquals("2y", Durations.shortHuman(Duration.ofDays(800)));
    }

    @Test
    void ageOfATimestampOrUnknown() {
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        assertEquals("5m30s", Durations.since("2025-06-01T11:54:30Z", now));
        assertEquals("90s", Durations.since("2025-06-01T13:28:30+01:30", now));
        assertEquals("2s", Durations.since("2025-06-01T11:59:57.250000Z", now));
        assertEquals("<unknown>", Durations.since(null, now));
        assertEquals("<unknown>", Durations.since("0001-01-01T00:00:00Z", now));
    }
}
