package io.flightdeck.signals;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded ring of received log records: when full, the oldest record is dropped and counted, so memory stays
 * bounded under any flood and the UI can show how much was dropped. Each record gets a sequence number so readers
 * can ask for what is new since their last look. Written by receiver threads, read by the UI's batcher; synchronized.
 */
public final class LogBuffer {

    private final LogRecord[] ring;
    private long next;
    private long dropped;

    public LogBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.ring = new LogRecord[capacity];
    }

    public synchronized void add(LogRecord r) {
        if (next >= ring.length) {
            dropped++;
        }
        ring[(int) (next % ring.length)] = r;
        next++;
    }

    /** Records dropped because the buffer was full. */
    public synchronized long dropped() {
        return dropped;
    }

    /** The sequence number the next record will get: pass it to {@link #since} next time. */
    public synchronized long position() {
        return next;
    }

    public int capacity() {
        return ring.length;
    }

    /** Records added at or after {@code position} that are still held, oldest first. */
    public synchronized List<LogRecord> since(long position) {
        long from = Math.max(position, next - ring.length);
        List<LogRecord> out = new ArrayList<>((int) Math.max(0, next - from));
        for (long i = Math.max(0, from); i < next; i++) {
            out.add(ring[(int) (i % ring.length)]);
        }
        return out;
    }

    public synchronized int size() {
        return (int) Math.min(next, ring.length);
    }
}
