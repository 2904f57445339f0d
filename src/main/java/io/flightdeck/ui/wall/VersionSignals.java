package io.flightdeck.ui.wall;

import io.flightdeck.signals.TrafficReading;
import io.flightdeck.signals.TrafficSignals;
import io.flightdeck.signals.VersionTraffic;

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

    /** The versions' traffic as {@link TrafficSignals} reads it; a reading without numbers throws its problem. */
    static VersionSignals of(TrafficSignals traffic) {
        return (namespace, deployment) -> {
            TrafficReading r = traffic.read(namespace, deployment);
            if (!r.problem().isEmpty() && r.versions().stream().noneMatch(VersionTraffic::hasData)) {
                throw new IllegalStateException(r.problem());
            }
            return r.versions().stream().map(v -> new VersionSignal(v.track(), v.deployment(), v.requestRate(),
                    v.successRate(), v.p99Seconds())).toList();
        };
    }
}
