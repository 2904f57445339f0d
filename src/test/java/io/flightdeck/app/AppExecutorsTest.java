package io.flightdeck.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppExecutorsTest {

    private record Failure(String thread, Throwable error) {
    }

    private final BlockingQueue<Failure> failures = new LinkedBlockingQueue<>();
    private final AppExecutors executors = new AppExecutors((thread, error) -> failures.add(new Failure(thread, error)));

    @AfterEach
    void close() {
        executors.close();
    }

    @Test
    void threadsAreNamedDaemons() throws Exception {
        CompletableFuture<Thread> background = new CompletableFuture<>();
        executors.background().execute(() -> background.complete(Thread.currentThread()));
        Thread thread = background.get(5, TimeUnit.SECONDS);
        assertTrue(thread.getName().startsWith("flightdeck-background-"), thread.getName());
        assertTrue(thread.isDaemon());

        Thread scheduled = executors.scheduler().schedule(Thread::currentThread, 1, TimeUnit.MILLISECONDS)
                .get(5, TimeUnit.SECONDS);
        assertTrue(scheduled.getName().startsWith("flightdeck-scheduler-"), scheduled.getName());
        assertTrue(scheduled.isDaemon());
    }

    @Test
    void failureOfASubmittedTaskNobodyReadsIsReported() throws InterruptedException {
        executors.background().submit(() -> {
            throw new IllegalStateException("lost in a future");
        });
        Failure failure = failures.poll(5, TimeUnit.SECONDS);
        assertNotNull(failure);
        assertEquals("lost in a future", failure.error().getMessage());
        assertTrue(failure.thread().startsWith("flightdeck-background-"), failure.thread());
    }

    @Test
    void failureOfAnExecutedTaskIsReported() throws InterruptedException {
        executors.background().execute(() -> {
            throw new IllegalStateException("escaped");
        });
        Failure failure = failures.poll(5, TimeUnit.SECONDS);
        assertNotNull(failure);
        assertEquals("escaped", failure.error().getMessage());
        assertNull(failures.poll(200, TimeUnit.MILLISECONDS), "reported once");
    }

    @Test
    void failureOfAPeriodicTaskIsReported() throws InterruptedException {
        executors.scheduler().scheduleAtFixedRate(() -> {
            throw new IllegalStateException("poller died");
        }, 0, 10, TimeUnit.MILLISECONDS);
        Failure failure = failures.poll(5, TimeUnit.SECONDS);
        assertNotNull(failure);
        assertEquals("poller died", failure.error().getMessage());
    }

    @Test
    void ownThreadsReportWhatEscapesThem() throws InterruptedException {
        Thread reader = executors.threadFactory("socket").newThread(() -> {
            throw new IllegalStateException("socket closed");
        });
        assertEquals("flightdeck-socket-1", reader.getName());
        assertTrue(reader.isDaemon());
        reader.start();
        Failure failure = failures.poll(5, TimeUnit.SECONDS);
        assertNotNull(failure);
        assertEquals("flightdeck-socket-1", failure.thread());
    }

    @Test
    void closeStopsThePools() {
        executors.close();
        assertTrue(executors.background().isShutdown());
        assertTrue(executors.scheduler().isTerminated());
    }
}
