package io.flightdeck.sandbox.sim;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The sandbox's simulated clock: wall time at start, then running {@code speed} times faster than real time, so that
 * probe periods, minReadySeconds and progress deadlines can pass quickly in tests. Any thread.
 */
public final class SandboxClock implements Supplier<Instant> {

    private final Instant start;
    private final long startNanos;
    private volatile double speed;
    private volatile long offsetNanos;
    private volatile long lastRealNanos;

    public SandboxClock(double speed) {
        this.start = Instant.now();
        this.startNanos = System.nanoTime();
        this.speed = speed;
        this.lastRealNanos = startNanos;
    }

    public static SandboxClock realTime() {
        return new SandboxClock(1.0);
    }

    @Override
    public Instant get() {
        return now();
    }

    public synchronized Instant now() {
        long real = System.nanoTime();
        offsetNanos += (long) ((real - lastRealNanos) * speed);
        lastRealNanos = real;
        return start.plusNanos(offsetNanos);
    }

    /** Simulated milliseconds since the clock started; monotonic. */
    public long millis() {
        Instant n = now();
        return java.time.Duration.between(start, n).toMillis();
    }

    public double speed() {
        return speed;
    }

    /** Changes the speed from now on; time already passed stays as it was. */
    public synchronized void setSpeed(double speed) {
        now();
        this.speed = speed;
    }

    /** Real milliseconds that {@code simulatedMillis} of sandbox time take at the current speed. */
    public long realMillis(long simulatedMillis) {
        return Math.max(1, (long) (simulatedMillis / speed));
    }
}
