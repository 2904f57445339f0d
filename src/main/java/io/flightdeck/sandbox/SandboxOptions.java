package io.flightdeck.sandbox;

/**
 * How to start a sandbox cluster: the port (0 = any free one), the simulated clock's speed, whether to seed the
 * shop, how many changes the watch history keeps, and how many events each namespace keeps. Immutable.
 */
public record SandboxOptions(int port, double speed, boolean seedShop, int watchHistory, int eventsPerNamespace) {

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 1.0, true, 100_000, 2_000);
    }

    /** An empty, fast cluster for tests: no shop, the clock at {@code speed}. */
    public static SandboxOptions empty(double speed) {
        return new SandboxOptions(0, speed, false, 100_000, 2_000);
    }

    public SandboxOptions withPort(int p) {
        return new SandboxOptions(p, speed, seedShop, watchHistory, eventsPerNamespace);
    }

    public SandboxOptions withSpeed(double s) {
        return new SandboxOptions(port, s, seedShop, watchHistory, eventsPerNamespace);
    }

    public SandboxOptions withShop(boolean seed) {
        return new SandboxOptions(port, speed, seed, watchHistory, eventsPerNamespace);
    }

    public SandboxOptions withWatchHistory(int n) {
        return new SandboxOptions(port, speed, seedShop, n, eventsPerNamespace);
    }
}
