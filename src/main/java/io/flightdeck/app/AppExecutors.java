package io.flightdeck.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's threads: every thread Flightdeck starts comes from here, named {@code flightdeck-<pool>-<n>},
 * daemon, and with failures logged instead of lost: an exception escaping a task, including one captured in the
 * {@link Future} of a {@code submit} that nobody reads, goes to the {@link FailureHandler}. Created once by
 * {@link AppContext}; its methods may be called from any thread.
 */
public final class AppExecutors implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppExecutors.class);

    /** Told about a task that failed or a thread that died; called on the failing thread. */
    @FunctionalInterface
    public interface FailureHandler {
        void failed(String threadName, Throwable error);

        FailureHandler LOG_ERROR = (thread, error) -> LOG.error("Uncaught exception in thread {}", thread, error);
    }

    private final FailureHandler onFailure;
    private final ExecutorService background;
    private final ScheduledExecutorService scheduler;

    public AppExecutors() {
        this(FailureHandler.LOG_ERROR);
    }

    public AppExecutors(FailureHandler onFailure) {
        this.onFailure = Objects.requireNonNull(onFailure);
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new CatchingPool(threads, threadFactory("background"), onFailure);
        pool.allowCoreThreadTimeOut(true);
        this.background = pool;
        this.scheduler = new CatchingScheduler(threadFactory("scheduler"), onFailure);
    }

    /** Slow one-off work: queries, patches, starting servers. */
    public ExecutorService background() {
        return background;
    }

    /** Timers and pollers. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Named daemon threads for a component that must own its threads, such as a socket reader. */
    public ThreadFactory threadFactory(String pool) {
        AtomicInteger counter = new AtomicInteger();
        String prefix = "flightdeck-" + pool + "-";
        return task -> {
            Thread thread = new Thread(task, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> onFailure.failed(t.getName(), e));
            return thread;
        };
    }

    /** Stops both pools, interrupting running tasks, and waits up to five seconds for them to end. */
    @Override
    public void close() {
        background.shutdownNow();
        scheduler.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reports the failure that a finished {@link Future} holds; an exception from execute() kills the thread. */
    private static void reportFuture(Runnable task, FailureHandler onFailure) {
        if (task instanceof Future<?> future && future.isDone()) {
            try {
                future.get();
            } catch (CancellationException ignored) {
                // cancelled on purpose: not a failure
            } catch (ExecutionException e) {
                onFailure.failed(Thread.currentThread().getName(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class CatchingPool extends ThreadPoolExecutor {
        private final FailureHandler onFailure;

        CatchingPool(int threads, ThreadFactory factory, FailureHandler onFailure) {
            super(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
            this.onFailure = onFailure;
        }

        @Override
        protected void afterExecute(Runnable task, Throwable thrown) {
            super.afterExecute(task, thrown);
            if (thrown == null) {
                reportFuture(task, onFailure);
            }
        }
    }

    private static final class CatchingScheduler extends ScheduledThreadPoolExecutor {
        private final FailureHandler onFailure;

        CatchingScheduler(ThreadFactory factory, FailureHandler onFailure) {
            super(2, factory);
            this.onFailure = onFailure;
            setRemoveOnCancelPolicy(true);
        }

        @Override
        protected void afterExecute(Runnable task, Throwable thrown) {
            super.afterExecute(task, thrown);
            if (thrown == null) {
                reportFuture(task, onFailure);
            }
        }
    }
}
