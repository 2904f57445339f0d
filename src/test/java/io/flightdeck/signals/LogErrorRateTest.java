package io.flightdeck.signals;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-version log error rate: error share by labels within a window; too few lines is no data. */
class LogErrorRateTest {

    @Test
    void errorShareOfOneVersionWithinTheWindow() {
        LogBuffer b = new LogBuffer(1000);
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        for (int i = 0; i < 100; i++) {
            b.add(line(now.minusSeconds(i % 50), "canary", i % 20 == 0));
            b.add(line(now.minusSeconds(i % 50), "stable", false));
        }
        b.add(line(now.minusSeconds(300), "canary", true));
        LogErrorRate rate = new LogErrorRate(b, 20);
        PromResult canary = rate.measure("shop", Map.of("flightdeck.io/track", "canary"), Duration.ofSeconds(60), now);
        assertEquals(0.05, canary.scalar(), 1e-9);
        PromResult stable = rate.measure("shop", Map.of("flightdeck.io/track", "stable"), Duration.ofSeconds(60), now);
        assertEquals(0.0, stable.scalar(), 1e-9);
        PromResult none = rate.measure("shop", Map.of("flightdeck.io/track", "canary"), Duration.ofSeconds(1),
                now.minusSeconds(1000));
        assertEquals(PromResult.Kind.NO_DATA, none.kind());
    }

    private static LogRecord line(Instant t, String track, boolean error) {
        return new LogRecord(t, "kube", "shop", "checkout-" + track, "app",
                Map.of("app", "checkout", "flightdeck.io/track", track), error ? "level=error" : "ok", error);
    }
}
