package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxSessionTest {

    private final AppExecutors executors = new AppExecutors();
    private final Semaphore changes = new Semaphore(0);

    @AfterEach
    void close() {
        executors.close();
    }

    static final class FakeSandbox implements SandboxStarter.RunningSandbox {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public ClusterTarget target() {
            return ClusterTarget.sandboxAt("https://127.0.0.1:40001");
        }

        @Override
        public Config clientConfig() {
            return Config.empty();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void startsInTheBackgroundAndStopsOnClose() throws InterruptedException {
        FakeSandbox fake = new FakeSandbox();
        SandboxSession session = new SandboxSession(executors -> fake, executors, changes::release);
        assertInstanceOf(SandboxSession.Status.Starting.class, session.status());
        session.start();
        assertTrue(changes.tryAcquire(5, TimeUnit.SECONDS));
        assertEquals(new SandboxSession.Status.Serving(fake.target()), session.status());
        assertTrue(session.running().isPresent());
        session.close();
        assertTrue(fake.closed.get());
    }

    @Test
    void notWiredSaysSo() throws InterruptedException {
        SandboxSession session = new SandboxSession(SandboxStarter.NOT_WIRED, executors, changes::release);
        session.start();
        assertTrue(changes.tryAcquire(5, TimeUnit.SECONDS));
        assertEquals(new SandboxSession.Status.NotStarted("sandbox server not wired yet"), session.status());
    }

    @Test
    void aSandboxThatFinishesStartingAfterCloseIsStopped() throws InterruptedException {
        FakeSandbox fake = new FakeSandbox();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        SandboxSession session = new SandboxSession(executors -> {
            release.await();
            started.countDown();
            return fake;
        }, executors, changes::release);
        session.start();
        session.close();
        release.countDown();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        executors.close();
        assertTrue(fake.closed.get());
        assertTrue(session.running().isEmpty());
    }
}
