package io.flightdeck.ui.fx;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Adds up how long the FX thread spends in {@link FxBatcher} ticks, so a benchmark can print "FX thread busy %".
 * The FX thread calls {@link #record} once per tick; any thread may read the figures: the running totals (take two
 * readings and divide the busy difference by the elapsed time) or the busy share of the last full second.
 */
public final class BusyMeter {

    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final AtomicLong totalBusyNanos = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private long windowStart = Long.MIN_VALUE;
    private long windowBusy;
    private volatile double lastSecondBusyShare;
    private volatile long maxTickNanos;

    public BusyMeter() {
        this(System::nanoTime);
    }

    public BusyMeter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The clock the batcher reads around its work. */
    long now() {
        return nanoClock.getAsLong();
    }

    /** Counts one tick that worked from {@code start} to {@code end} (nanoTime values). FX thread. */
    void record(long start, long end) {
        long busy = Math.max(0, end - start);
        totalBusyNanos.addAndGet(busy);
        ticks.incrementAndGet();
        if (busy > maxTickNanos) {
            maxTickNanos = busy;
        }
        if (windowStart == Long.MIN_VALUE) {
            windowStart = start;
        }
        windowBusy += busy;
        long length = end - windowStart;
        if (length >= SECOND) {
            lastSecondBusyShare = (double) windowBusy / length;
            windowStart = end;
            windowBusy = 0;
        }
    }

    /** Nanoseconds spent in ticks since the meter was made. */
    public long totalBusyNanos() {
        return totalBusyNanos.get();
    }

    public long ticks() {
        return ticks.get();
    }

    /** The longest single tick so far, in nanoseconds. */
    public long maxTickNanos() {
        return maxTickNanos;
    }

    /** The share (0 to 1) of the last full second of ticking that the FX thread spent working in ticks. */
    public double lastSecondBusyShare() {
        return lastSecondBusyShare;
    }
}
