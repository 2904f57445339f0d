package io.flightdeck.app;

import io.flightdeck.cluster.ClusterSession;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.signals.SignalSources;
import io.flightdeck.ui.signals.SignalsPanel;
import io.flightdeck.ui.workloads.WorkloadsScreen;

import java.time.Duration;

/**
 * Puts the signals panel (tiles and log tail of the selected Deployment) into the workloads screen, over the
 * application's signal sources and the release in flight. FX thread.
 */
final class SignalsWiring {

    /** How often the tiles read traffic and the release in flight. */
    static final Duration READ_EVERY = Duration.ofSeconds(2);

    private SignalsWiring() {
    }

    static SignalsPanel panel(AppContext context, LiveClusters clusters, ReleaseWiring releases,
                              WorkloadsScreen screen, FxBatcher batcher) {
        AppSignals signals = context.signals();
        SignalSources sources = new SignalSources(signals.traffic(), releases.lookup(),
                signals.logTail(() -> clusters.connection().session().flatMap(ClusterSession::client)),
                signals.scheduler(), READ_EVERY, signals::metricsName);
        SignalsPanel panel = new SignalsPanel(sources, screen::state, batcher);
        screen.showSignals(panel);
        return panel;
    }
}
