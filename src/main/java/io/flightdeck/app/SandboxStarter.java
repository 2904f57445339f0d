package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;

/**
 * Starts the built-in sandbox inside this process: the hook through which {@link AppContext} wires the sandbox
 * server into the GUI. {@link #start} is called at most once, on a thread of {@link AppExecutors#background()}, and
 * may block until the server serves.
 */
@FunctionalInterface
public interface SandboxStarter {

    /** The starter used until the sandbox server is wired in: it always fails, and the window says so. */
    SandboxStarter NOT_WIRED = executors -> {
        throw new UnsupportedOperationException("sandbox server not wired yet");
    };

    /**
     * Starts the sandbox and returns once its API server serves.
     *
     * @param executors the application's thread pools, for any thread the sandbox needs
     * @throws Exception when the sandbox cannot start; the window shows the exception's message
     */
    RunningSandbox start(AppExecutors executors) throws Exception;

    /** A started sandbox; closing it stops the server. */
    interface RunningSandbox extends AutoCloseable {

        /** Where it serves, e.g. {@code ClusterTarget.sandboxAt("https://127.0.0.1:43817")}. */
        ClusterTarget target();

        /** How a fabric8 client connects to it. */
        Config clientConfig();

        /** Where its pods' metrics are served ("" when nowhere). */
        default String metricsUrl() {
            return "";
        }

        /**
         * Starts a real Prometheus scraping it when the binary is installed and returns its URL; may block for a
         * few seconds. Empty when there is none.
         */
        default java.util.Optional<String> startPrometheus() {
            return java.util.Optional.empty();
        }

        @Override
        void close();
    }
}
