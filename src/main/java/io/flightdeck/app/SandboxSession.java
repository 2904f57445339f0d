package io.flightdeck.app;

import io.flightdeck.app.SandboxStarter.RunningSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts the sandbox in the background for the GUI and keeps its status. {@link #start} and {@link #close} are called
 * on the FX thread; the start runs on a background thread, which stores the new status and calls {@code onChange},
 * so that the FX thread can read {@link #status()} on its next tick.
 */
public final class SandboxSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxSession.class);

    /** Where the sandbox stands. */
    public sealed interface Status {
        record Starting() implements Status {
        }

        record Serving(ClusterTarget target) implements Status {
        }

        record NotStarted(String why) implements Status {
        }
    }

    private final SandboxStarter starter;
    private final AppExecutors executors;
    private final Runnable onChange;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status.Starting());
    private final AtomicReference<RunningSandbox> running = new AtomicReference<>();
    private volatile boolean closed;

    public SandboxSession(SandboxStarter starter, AppExecutors executors, Runnable onChange) {
        this.starter = Objects.requireNonNull(starter);
        this.executors = Objects.requireNonNull(executors);
        this.onChange = Objects.requireNonNull(onChange);
    }

    public void start() {
        executors.background().execute(this::startNow);
    }

    public Status status() {
        return status.get();
    }

    public Optional<RunningSandbox> running() {
        return Optional.ofNullable(running.get());
    }

    private void startNow() {
        try {
            RunningSandbox sandbox = starter.start(executors);
            running.set(sandbox);
            if (closed) {
                closeQuietly(running.getAndSet(null));
                return;
            }
            status.set(new Status.Serving(sandbox.target()));
        } catch (Exception e) {
            LOG.warn("Sandbox did not start: {}", e.toString());
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
            status.set(new Status.NotStarted(why));
        }
        onChange.run();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(running.getAndSet(null));
    }

    private static void closeQuietly(RunningSandbox sandbox) {
        if (sandbox == null) {
            return;
        }
        try {
            sandbox.close();
        } catch (RuntimeException e) {
            LOG.warn("Sandbox did not stop cleanly", e);
        }
    }
}
