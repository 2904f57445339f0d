package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.store.Stored;
import io.flightdeck.sandbox.store.Watch;
import io.flightdeck.sandbox.store.WatchHub;
import io.flightdeck.sandbox.store.WatchSink;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One watch connection: receives store events under the store lock (never blocking: it only queues), and writes them
 * on the connection's Vert.x context, either as newline-delimited JSON over chunked HTTP (kubectl, client-go) or one
 * JSON message per WebSocket frame. Sends bookmarks when asked, honours timeoutSeconds, and ends the watch when the
 * client goes away or falls more than {@link #MAX_QUEUED} events behind.
 */
final class WatchStream implements WatchSink {

    static final int MAX_QUEUED = 200_000;

    private record Pending(String type, Stored object, long bookmark) {
    }

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final ServerWebSocket socket;
    private final Function<Stored, byte[]> encoder;
    /** {@code "kind":"Pod","apiVersion":"v1"}: the head of a bookmark object. */
    private final String bookmarkKind;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean ending = new AtomicBoolean();
    private volatile Watch watch;
    private long bookmarkTimer = -1;
    private long timeoutTimer = -1;
    private boolean ended;

    private WatchStream(Vertx vertx, HttpServerResponse response, ServerWebSocket socket,
                        Function<Stored, byte[]> encoder, String bookmarkKind) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.response = response;
        this.socket = socket;
        this.encoder = encoder;
        this.bookmarkKind = bookmarkKind;
    }

    static WatchStream overHttp(Vertx vertx, HttpServerResponse response, Function<Stored, byte[]> encoder,
                                String bookmarkKind) {
        response.setStatusCode(200);
        response.setChunked(true);
        response.putHeader("Content-Type", "application/json");
        response.putHeader("Cache-Control", "no-cache, private");
        response.writeHead();
        return new WatchStream(vertx, response, null, encoder, bookmarkKind);
    }

    static WatchStream overWebSocket(Vertx vertx, ServerWebSocket socket, Function<Stored, byte[]> encoder,
                                     String bookmarkKind) {
        return new WatchStream(vertx, null, socket, encoder, bookmarkKind);
    }

    /** Starts delivery for an opened watch: timers, and the close handler for a client that goes away. */
    void started(Watch w, WatchHub hub, boolean bookmarks, long timeoutSeconds) {
        this.watch = w;
        if (bookmarks) {
            bookmarkTimer = vertx.setPeriodic(5_000, id -> {
                queue.add(new Pending("BOOKMARK", null, hub.lastPublished()));
                queued.incrementAndGet();
                schedule();
            });
        }
        if (timeoutSeconds > 0) {
            timeoutTimer = vertx.setTimer(timeoutSeconds * 1000, id -> closed("timeout"));
        }
        Runnable gone = () -> {
            w.close();
            cancelTimers();
            ended = true;
        };
        if (response != null) {
            response.closeHandler(v -> gone.run());
        } else {
            socket.closeHandler(v -> gone.run());
        }
        schedule();
    }

    /** Ends the connection at once with an ERROR event, as the apiserver does for a watch it cannot start. */
    void fail(byte[] statusJson) {
        write(frame("ERROR", statusJson));
        endConnection();
    }

    @Override
    public boolean offer(String type, Stored object) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            return false;
        }
        queue.add(new Pending(type, object, 0));
        schedule();
        return true;
    }

    @Override
    public void closed(String reason) {
        if (ending.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                drain();
                Watch w = watch;
                if (w != null) {
                    w.close();
                }
                endConnection();
            });
        }
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        scheduled.set(false);
        if (ended) {
            queue.clear();
            return;
        }
        Buffer batch = Buffer.buffer();
        Pending p;
        while ((p = queue.poll()) != null) {
            queued.decrementAndGet();
            byte[] f = p.object() == null ? frame("BOOKMARK", bookmark(p.bookmark()))
                    : frame(p.type(), encoder.apply(p.object()));
            if (socket != null) {
                socket.writeTextMessage(new String(f, StandardCharsets.UTF_8).stripTrailing());
            } else {
                batch.appendBytes(f);
            }
        }
        if (batch.length() > 0) {
            write(batch.getBytes());
        }
    }

    private void write(byte[] bytes) {
        if (ended) {
            return;
        }
        if (socket != null) {
            socket.writeTextMessage(new String(bytes, StandardCharsets.UTF_8).stripTrailing());
        } else {
            response.write(Buffer.buffer(bytes));
        }
    }

    private void endConnection() {
        cancelTimers();
        if (ended) {
            return;
        }
        ended = true;
        if (socket != null) {
            socket.close();
        } else {
            response.end();
        }
    }

    private void cancelTimers() {
        if (bookmarkTimer >= 0) {
            vertx.cancelTimer(bookmarkTimer);
        }
        if (timeoutTimer >= 0) {
            vertx.cancelTimer(timeoutTimer);
        }
    }

    private byte[] bookmark(long rv) {
        return ("{" + bookmarkKind + ",\"metadata\":{\"resourceVersion\":\"" + rv + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] frame(String type, byte[] object) {
        byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + object.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(object, 0, out, head.length, object.length);
        out[out.length - 2] = '}';
        out[out.length - 1] = '\n';
        return out;
    }
}
