package io.flightdeck.sandbox;

/**
 * How to start a sandbox cluster: the port (0 = any free one), the simulated clock's speed, whether to seed the
 * shop, whether the simulated controllers, kubelet and traffic run (benchmarks drive objects by hand), how many
 * changes the watch history keeps, how many events each namespace keeps, the port of the pods' metrics exporter
 * (0 = any), and where to forward the pods' logs with the Fluentd forward protocol ("host:port", or null for
 * nowhere). Immutable.
 */
public record SandboxOptions(int port, double speed, boolean seedShop, boolean controllers, int watchHistory,
                             int eventsPerNamespace, int metricsPort, String forwardTo) {

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 1.0, true, true, 20_000, 2_000, 0, null);
    }

    /** A cluster without the shop, its clock at {@code speed}: for tests that bring their own objects. */
    public static SandboxOptions empty(double speed) {
        return defaults().withShop(false).withSpeed(speed);
    }

    public SandboxOptions withPort(int p) {
        return new SandboxOptions(p, speed, seedShop, controllers, watchHistory, eventsPerNamespace, metricsPort,
                forwardTo);
    }

    public SandboxOptions withSpeed(double s) {
        return new SandboxOptions(port, s, seedShop, controllers, watchHistory, eventsPerNamespace, metricsPort,
                forwardTo);
    }

    public SandboxOptions withShop(boolean seed) {
        return new SandboxOptions(port, speed, seed, controllers, watchHistory, eventsPerNamespace, metricsPort,
                forwardTo);
    }

    public SandboxOptions withControllers(boolean on) {
        return new SandboxOptions(port, speed, seedShop, on, watchHistory, eventsPerNamespace, metricsPort,
                forwardTo);
    }

    public SandboxOptions withWatchHistory(int n) {
        return new SandboxOptions(port, speed, seedShop, controllers, n, eventsPerNamespace, metricsPort, forwardTo);
    }

    public SandboxOptions withMetricsPort(int p) {
        return new SandboxOptions(port, speed, seedShop, controllers, watchHistory, eventsPerNamespace, p, forwardTo);
    }

    public SandboxOptions withForwardTo(String hostPort) {
        return new SandboxOptions(port, speed, seedShop, controllers, watchHistory, eventsPerNamespace, metricsPort,
                hostPort);
    }
}
