package io.flightdeck.signals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.komamitsu.fluency.EventTime;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The forward receiver with real clients (Fluency; Debian's python3-fluent-logger) and hand-made frames: every mode
 * incl. gzip and ack, the shared-key handshake with a right and a wrong key, malformed input, and a flood that keeps
 * memory bounded and counts the drops.
 */
class LogForwardServerTest {

    LogBuffer buffer;
    LogForwardServer server;

    @BeforeEach
    void start() throws IOException {
        buffer = new LogBuffer(10_000);
        server = LogForwardServer.onLoopback(buffer, 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void fluencyWithAcksDeliversRecordsMatchedToPods() throws Exception {
        FluencyBuilderForFluentd b = new FluencyBuilderForFluentd();
        b.setAckResponseMode(true);
        b.setFlushAttemptIntervalMillis(100);
        try (Fluency fluency = b.build("127.0.0.1", server.port())) {
            for (int i = 0; i < 100; i++) {
                fluency.emit("kube.shop.checkout", EventTime.fromEpochMilli(System.currentTimeMillis()),
                        record("checkout-abc-" + (i % 3), i % 10 == 0 ? "level=error msg=\"db down\"" : "status=200"));
            }
            fluency.flush();
            awaitReceived(100);
        }
        List<LogRecord> got = buffer.since(0);
        assertEquals(100, got.size());
        LogRecord first = got.get(0);
        assertEquals("shop", first.namespace());
        assertEquals("checkout-abc-0", first.pod());
        assertEquals("app", first.container());
        assertEquals("canary", first.labels().get("flightdeck.io/track"));
        assertEquals(10, got.stream().filter(LogRecord::error).count());
    }

    @Test
    void pythonFluentLoggerInMessageMode() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
        Process check = new ProcessBuilder("/usr/bin/python3", "-c", "import fluent.sender").start();
        assumeTrue(check.waitFor() == 0, "python3-fluent-logger is not installed");
        String script = """
                from fluent import sender
                s = sender.FluentSender('kube', host='127.0.0.1', port=%d, nanosecond_precision=True)
                for i in range(20):
                    ok = s.emit('shop.cart', {'log': 'GET /cart HTTP/1.1" 503 12' if i %% 4 == 0 else 'ok',
                                              'kubernetes': {'pod_name': 'cart-1', 'namespace_name': 'shop'}})
                    assert ok, s.last_error
                s.close()
                """.formatted(server.port());
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        awaitReceived(20);
        assertEquals("kube.shop.cart", buffer.since(0).get(0).tag());
        assertEquals(5, buffer.since(0).stream().filter(LogRecord::error).count());
    }

    @Test
    void forwardPackedAndGzipModesWithAck() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            MessagePacker out = MessagePack.newDefaultPacker(s.getOutputStream());
            MessageUnpacker in = MessagePack.newDefaultUnpacker(s.getInputStream());
            out.packArrayHeader(3).packString("forward").packArrayHeader(2);
            entry(out, "a");
            entry(out, "b");
            out.packMapHeader(1).packString("chunk").packString("c1");
            out.flush();
            assertEquals("c1", ack(in));

            byte[] packed = packedEntries("c", "d", "e");
            out.packArrayHeader(3).packString("packed").packBinaryHeader(packed.length).writePayload(packed);
            out.packMapHeader(1).packString("chunk").packString("c2");
            out.flush();
            assertEquals("c2", ack(in));

            byte[] gz = gzip(packedEntries("f", "g"));
            out.packArrayHeader(3).packString("gzip").packBinaryHeader(gz.length).writePayload(gz);
            out.packMapHeader(2).packString("chunk").packString("c3").packString("compressed").packString("gzip");
            out.flush();
            assertEquals("c3", ack(in));
        }
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"),
                buffer.since(0).stream().map(LogRecord::message).toList());
    }

    @Test
    void malformedFramesCloseThatConnectionOnly() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            MessagePacker out = MessagePack.newDefaultPacker(s.getOutputStream());
            out.packString("not an array");
            out.flush();
            assertEquals(-1, s.getInputStream().read(), "the server closes the connection");
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write(new byte[]{(byte) 0xc1, 0x00, 0x7f});
            s.getOutputStream().flush();
            assertEquals(-1, s.getInputStream().read());
        }
        assertTrue(server.malformed() >= 2);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            MessagePacker out = MessagePack.newDefaultPacker(s.getOutputStream());
            out.packArrayHeader(3).packString("t").packLong(1_700_000_000L);
            out.packMapHeader(1).packString("log").packString("still serving");
            out.flush();
            awaitReceived(1);
        }
        assertEquals("still serving", buffer.since(0).get(0).message());
    }

    @Test
    void sharedKeyHandshakeAcceptsTheRightKeyAndRefusesAWrongOne() throws Exception {
        try (LogForwardServer secure = new LogForwardServer(buffer, InetAddress.getLoopbackAddress(), 0, "s3cret",
                null)) {
            assertTrue(handshake(secure.port(), "s3cret"));
            assertFalse(handshake(secure.port(), "wrong"));
        }
    }

    @Test
    void otherAddressesNeedASharedKey() {
        assertThrows(IllegalArgumentException.class, () -> new LogForwardServer(buffer,
                InetAddress.getByName("0.0.0.0"), 0, null, null));
    }

    @Test
    void aFloodKeepsMemoryBoundedAndCountsDrops() throws Exception {
        int total = 100_000;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            MessagePacker out = MessagePack.newDefaultPacker(s.getOutputStream());
            for (int batch = 0; batch < total / 1000; batch++) {
                byte[] packed = packedEntries(java.util.stream.IntStream.range(0, 1000)
                        .mapToObj(i -> "line").toArray(String[]::new));
                out.packArrayHeader(2).packString("flood").packBinaryHeader(packed.length).writePayload(packed);
            }
            out.flush();
            awaitReceived(total);
        }
        assertEquals(buffer.capacity(), buffer.size());
        assertEquals(total - buffer.capacity(), buffer.dropped());
    }

    private boolean handshake(int port, String key) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            MessageUnpacker in = MessagePack.newDefaultUnpacker(s.getInputStream());
            Value helo = in.unpackValue();
            assertEquals("HELO", helo.asArrayValue().get(0).asStringValue().asString());
            byte[] nonce = null;
            for (var e : helo.asArrayValue().get(1).asMapValue().map().entrySet()) {
                if (e.getKey().asStringValue().asString().equals("nonce")) {
                    nonce = e.getValue().asBinaryValue().asByteArray();
                }
            }
            String salt = "salt123";
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            md.update((salt + "client-host").getBytes(StandardCharsets.UTF_8));
            md.update(nonce);
            md.update(key.getBytes(StandardCharsets.UTF_8));
            MessagePacker out = MessagePack.newDefaultPacker(s.getOutputStream());
            out.packArrayHeader(6).packString("PING").packString("client-host").packString(salt)
                    .packString(HexFormat.of().formatHex(md.digest())).packString("").packString("");
            out.flush();
            Value pong = in.unpackValue();
            assertEquals("PONG", pong.asArrayValue().get(0).asStringValue().asString());
            return pong.asArrayValue().get(1).asBooleanValue().getBoolean();
        }
    }

    private void awaitReceived(long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.received() < n && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals(n, server.received());
    }

    private static Map<String, Object> record(String pod, String log) {
        return Map.of("log", log, "stream", "stdout", "kubernetes", Map.of("pod_name", pod, "namespace_name", "shop",
                "container_name", "app", "labels", Map.of("app", "checkout", "flightdeck.io/track", "canary")));
    }

    private static void entry(MessagePacker out, String log) throws IOException {
        out.packArrayHeader(2).packLong(1_700_000_000L).packMapHeader(1).packString("log").packString(log);
    }

    private static byte[] packedEntries(String... logs) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            for (String l : logs) {
                entry(p, l);
            }
            return p.toByteArray();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }

    private static String ack(MessageUnpacker in) throws IOException {
        Value v = in.unpackValue();
        return v.asMapValue().map().values().iterator().next().asStringValue().asString();
    }
}
