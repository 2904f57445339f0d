package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.store.Stored;

import java.util.Optional;

/**
 * What a sandbox pod answers through the API server's pod proxy ({@code pods/NAME[:PORT]/proxy/PATH}): the body for a
 * path the simulated app serves (its {@code /metrics}), or empty for a 404 from the app. Implemented by the sandbox's
 * wiring; called on API server request threads.
 */
@FunctionalInterface
public interface PodProxy {

    Optional<String> get(Stored pod, String port, String path);

    /** Pods that serve nothing. */
    PodProxy NONE = (pod, port, path) -> Optional.empty();
}
