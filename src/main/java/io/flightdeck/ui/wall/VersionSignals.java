package io.flightdeck.ui.wall;

import java.util.List;

/**
 * Where the wall gets the key signals per version of a release's target. Called on the wall's feed thread, once a
 * second per release in flight; may block for a query and may throw (the wall then shows no signals and why).
 */
@FunctionalInterface
public interface VersionSignals {

    /** No signals source: the wall shows pods per version only and says so. */
    VersionSignals NONE = (namespace, deployment) -> {
        throw new UnsupportedOperationException("no traffic signals source is configured");
    };

    List<VersionSignal> read(String namespace, String deployment);
}
