package io.flightdeck.ui.fx;

import javafx.animation.AnimationTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries changes from background threads to the screen once per tick instead of once per event. A component
 * registers a drain, which copies its thread-safe state into view models; its threads call
 * {@link Marker#markChanged()} as often as they like, and on the next tick the FX thread runs the drain once. A
 * source that cannot mark (one that only offers a version number to compare) registers a {@link #poll} instead, which
 * runs on every tick and must be cheap when nothing moved. A tick runs once per frame, or at most once per
 * {@code minInterval}; the time each tick works is added up in {@link #meter()}.
 * {@link #register}, {@link #poll} and {@code markChanged} may be called from any thread; {@link #start}, {@link #stop}
 * and {@link #drainChanged} only on the FX thread.
 */
public final class FxBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(FxBatcher.class);

    /** Marks one registered source as changed; cheap and callable from any thread. */
    public interface Marker {
        void markChanged();
    }

    /** Ends a registration made with {@link #poll}. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private record Source(Runnable drain, AtomicBoolean changed) implements Marker {
        @Override
        public void markChanged() {
            changed.set(true);
        }
    }

    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final List<Runnable> polls = new CopyOnWriteArrayList<>();
    private final long minIntervalNanos;
    private final BusyMeter meter;
    private AnimationTimer timer;
    private long lastTick = Long.MIN_VALUE;

    /** A batcher that ticks on every frame. */
    public FxBatcher() {
        this(Duration.ZERO, new BusyMeter());
    }

    /** A batcher that ticks at most once per {@code minInterval} (e.g. 100 ms), and records its work in {@code meter}. */
    public FxBatcher(Duration minInterval, BusyMeter meter) {
        this.minIntervalNanos = minInterval.toNanos();
        this.meter = Objects.requireNonNull(meter);
    }

    /** Registers a drain to run on the FX thread after changes; it runs once on the first tick as well. */
    public Marker register(Runnable drain) {
        Source source = new Source(Objects.requireNonNull(drain), new AtomicBoolean(true));
        sources.add(source);
        return source;
    }

    /** Registers work that runs on every tick, on the FX thread, until the registration is closed. */
    public Registration poll(Runnable everyTick) {
        Runnable work = Objects.requireNonNull(everyTick);
        polls.add(work);
        return () -> polls.remove(work);
    }

    /** What the ticks cost the FX thread. */
    public BusyMeter meter() {
        return meter;
    }

    /** Starts ticking once per frame, or once per minimum interval. */
    public void start() {
        FxThread.check();
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (lastTick == Long.MIN_VALUE || now - lastTick >= minIntervalNanos) {
                        lastTick = now;
                        drainChanged();
                    }
                }
            };
        }
        timer.start();
    }

    public void stop() {
        FxThread.check();
        if (timer != null) {
            timer.stop();
        }
    }

    /**
     * Runs one tick: every poll, then the drain of every source marked since its last run; returns how many drains
     * ran. A drain or poll that throws is logged and does not stop the others; a change marked while its drain runs
     * is drained on the next tick.
     */
    public int drainChanged() {
        FxThread.check();
        long start = meter.now();
        for (Runnable poll : polls) {
            runLogged(poll);
        }
        int ran = 0;
        for (Source source : sources) {
            if (source.changed().getAndSet(false)) {
                ran++;
                runLogged(source.drain());
            }
        }
        meter.record(start, meter.now());
        return ran;
    }

    private static void runLogged(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("A screen update failed", e);
        }
    }
}
