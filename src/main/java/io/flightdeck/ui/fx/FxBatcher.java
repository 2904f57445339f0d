package io.flightdeck.ui.fx;

import javafx.animation.AnimationTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries changes from background threads to the screen once per frame instead of once per event. A component
 * registers a drain, which copies its thread-safe state into view models; its threads call
 * {@link Marker#markChanged()} as often as they like, and on the next frame the FX thread runs the drain once.
 * {@link #register} and {@code markChanged} may be called from any thread; {@link #start}, {@link #stop} and
 * {@link #drainChanged} only on the FX thread.
 */
public final class FxBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(FxBatcher.class);

    /** Marks one registered source as changed; cheap and callable from any thread. */
    public interface Marker {
        void markChanged();
    }

    private record Source(Runnable drain, AtomicBoolean changed) implements Marker {
        @Override
        public void markChanged() {
            changed.set(true);
        }
    }

    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private AnimationTimer timer;

    /** Registers a drain to run on the FX thread after changes; it runs once on the first tick as well. */
    public Marker register(Runnable drain) {
        Source source = new Source(Objects.requireNonNull(drain), new AtomicBoolean(true));
        sources.add(source);
        return source;
    }

    /** Starts draining once per frame. */
    public void start() {
        FxThread.check();
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    drainChanged();
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
     * Runs the drain of every source marked since its last run and returns how many ran. A drain that throws is
     * logged and does not stop the others; a change marked while its drain runs is drained on the next tick.
     */
    public int drainChanged() {
        FxThread.check();
        int ran = 0;
        for (Source source : sources) {
            if (source.changed().getAndSet(false)) {
                ran++;
                try {
                    source.drain().run();
                } catch (RuntimeException e) {
                    LOG.error("A screen update failed", e);
                }
            }
        }
        return ran;
    }
}
