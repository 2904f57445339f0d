package io.flightdeck.signals;

import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.Value;

import javax.net.ssl.SSLContext;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Fluentd forward-protocol receiver: accepts Fluentd, Fluent Bit and client-library forwarders over TCP (optionally
 * TLS), decodes every mode ({@link ForwardDecoder}), acknowledges chunks, and puts the records into a bounded
 * {@link LogBuffer}. Binds 127.0.0.1 unless told otherwise, and refuses other addresses without a shared key, whose
 * handshake (HELO/PING/PONG) it then requires. A malformed frame closes that connection (and is counted and logged);
 * the receiver keeps serving. One platform thread accepts; each connection is read on its own virtual thread.
 */
public final class LogForwardServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LogForwardServer.class.getName());

    private final LogBuffer buffer;
    private final String sharedKey;
    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final String hostname;
    private volatile boolean closed;

    /**
     * @param bind      the address to listen on; anything but loopback needs a shared key
     * @param port      0 for any free port
     * @param sharedKey the forward protocol's shared key, or null for none
     * @param tls       a TLS context, or null for plain TCP
     */
    public LogForwardServer(LogBuffer buffer, InetAddress bind, int port, String sharedKey, SSLContext tls)
            throws IOException {
        if (!bind.isLoopbackAddress() && (sharedKey == null || sharedKey.isEmpty())) {
            throw new IllegalArgumentException("listening on " + bind.getHostAddress()
                    + " needs a shared key; without one the receiver only binds to 127.0.0.1");
        }
        this.buffer = buffer;
        this.sharedKey = sharedKey == null || sharedKey.isEmpty() ? null : sharedKey;
        this.hostname = "flightdeck";
        this.server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress(bind, port));
        Thread accept = new Thread(this::acceptLoop, "fluentd-forward-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** A plain receiver on 127.0.0.1 without a shared key. */
    public static LogForwardServer onLoopback(LogBuffer buffer, int port) throws IOException {
        return new LogForwardServer(buffer, InetAddress.getLoopbackAddress(), port, null, null);
    }

    public int port() {
        return server.getLocalPort();
    }

    public long received() {
        return received.get();
    }

    /** Connections closed because of a malformed frame or a failed handshake. */
    public long malformed() {
        return malformed.get();
    }

    public LogBuffer buffer() {
        return buffer;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections.add(s);
                Thread.ofVirtual().name("fluentd-forward-conn").start(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "forward receiver: accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket s) {
        String peer = s.getRemoteSocketAddress().toString();
        try (s; MessageUnpacker in = MessagePack.newDefaultUnpacker(new BufferedInputStream(s.getInputStream()));
             OutputStream out = new BufferedOutputStream(s.getOutputStream())) {
            String problem = read(in, out, peer);
            if (problem != null) {
                // Counted before the connection closes, so a client that sees the close sees the count too.
                malformed.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "forward receiver: connection from " + peer + " closed: "
                        + problem);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "forward receiver: closing " + peer + ": " + e.getMessage());
        } finally {
            connections.remove(s);
        }
    }

    /** Reads frames until the peer closes; returns why the connection must be dropped, or null for a clean end. */
    private String read(MessageUnpacker in, OutputStream out, String peer) {
        try {
            if (sharedKey != null && !handshake(in, out, peer)) {
                return "the shared-key handshake failed";
            }
            while (!closed && in.hasNext()) {
                Value v = in.unpackValue();
                ForwardDecoder.Decoded d = ForwardDecoder.decode(v);
                for (LogRecord r : d.records()) {
                    buffer.add(r);
                }
                received.addAndGet(d.records().size());
                if (d.chunk() != null) {
                    MessagePacker p = MessagePack.newDefaultPacker(out);
                    p.packMapHeader(1).packString("ack").packString(d.chunk());
                    p.flush();
                }
            }
            return null;
        } catch (ForwardDecoder.MalformedFrameException e) {
            return "malformed frame: " + e.getMessage();
        } catch (java.io.EOFException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return closed ? null : "unreadable input: " + e.getMessage();
        }
    }

    private boolean handshake(MessageUnpacker in, OutputStream out, String peer) throws IOException {
        ForwardHandshake h = new ForwardHandshake(sharedKey);
        MessagePacker p = MessagePack.newDefaultPacker(out);
        byte[] nonce = h.nonce();
        p.packArrayHeader(2).packString("HELO").packMapHeader(3)
                .packString("nonce").packBinaryHeader(nonce.length).writePayload(nonce)
                .packString("auth").packString("")
                .packString("keepalive").packBoolean(true);
        p.flush();
        Value v = in.unpackValue();
        if (!v.isArrayValue() || v.asArrayValue().size() < 4
                || !RecordMapper.text(v.asArrayValue().get(0)).equals("PING")) {
            LOG.log(System.Logger.Level.WARNING, "forward receiver: " + peer + " sent no PING");
            return false;
        }
        ArrayValue ping = v.asArrayValue();
        String clientHost = RecordMapper.text(ping.get(1));
        String salt = RecordMapper.text(ping.get(2));
        String digest = RecordMapper.text(ping.get(3));
        boolean ok = h.verify(clientHost, salt, digest);
        p.packArrayHeader(5).packString("PONG").packBoolean(ok).packString(ok ? "" : "shared_key mismatch")
                .packString(hostname).packString(h.pongDigest(salt, hostname));
        p.flush();
        return ok;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
