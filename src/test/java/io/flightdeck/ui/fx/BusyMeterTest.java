package io.flightdeck.ui.fx;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BusyMeterTest {

    @Test
    void sumsBusyTimeAndReportsTheShareOfEachFullSecond() {
        BusyMeter meter = new BusyMeter(() -> 0);
        long ms = 1_000_000;
        for (int tick = 0; tick < 10; tick++) {
            long start = tick * 100 * ms;
            meter.record(start, start + 15 * ms);
        }
        assertEquals(150 * ms, meter.totalBusyNanos());
        assertEquals(10, meter.ticks());
        assertEquals(0.0, meter.lastSecondBusyShare(), "the first second is not full yet");
        meter.record(1000 * ms, 1005 * ms);
        assertEquals(155.0 / 1005, meter.lastSecondBusyShare(), 1e-9);
        assertEquals(15 * ms, meter.maxTickNanos());
    }
}
