package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.store.Stored;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the pod log endpoint reads a container's output: the lines written so far and a way to follow new ones.
 * Implemented by the sandbox's simulated containers. Called on request threads; the follow sink may be called on any
 * thread.
 */
public interface PodLogSource {

    record LogLine(Instant time, String text) {
    }

    /** The lines the container (or its previous instance) has written, oldest first. */
    List<LogLine> lines(Stored pod, String container, boolean previous);

    /** Calls {@code sink} with each new line until the returned handle is closed. */
    AutoCloseable follow(Stored pod, String container, Consumer<LogLine> sink);

    /** A source for pods that write nothing. */
    PodLogSource NONE = new PodLogSource() {
        @Override
        public List<LogLine> lines(Stored pod, String container, boolean previous) {
            return List.of();
        }

        @Override
        public AutoCloseable follow(Stored pod, String container, Consumer<LogLine> sink) {
            return () -> { };
        }
    };
}
