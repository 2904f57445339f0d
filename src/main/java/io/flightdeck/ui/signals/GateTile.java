package io.flightdeck.ui.signals;

import java.util.List;

/**
 * One gate (an analysis step) of the release in flight: its analysis, where it stands (waiting, measuring, passed,
 * failed, awaiting approval), the tone to colour it by, and its last measurements as the journal holds them, newest
 * last. Immutable.
 */
public record GateTile(String analysis, String state, Tone tone, List<String> measurements) {

    public enum Tone { NEUTRAL, RUNNING, OK, WARN, DANGER }

    public GateTile {
        measurements = List.copyOf(measurements);
    }
}
