package io.flightdeck.bench;

import io.flightdeck.signals.LogBuffer;
import io.flightdeck.signals.LogForwardServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark ({@code mvn -Pbench test -Dtest=ForwardFloodBenchmark}): floods the forward receiver with 1,000,000
 * PackedForward events of realistic size from one connection and prints events/s received, dropped events, and heap
 * after GC with a 50,000-record buffer.
 */
@Tag("bench")
class ForwardFloodBenchmark {

    @Test
    void flood() throws Exception {
        LogBuffer buffer = new LogBuffer(50_000);
        int total = 1_000_000;
        try (LogForwardServer server = LogForwardServer.onLoopback(buffer, 0);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            byte[] packed;
            try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
                for (int i = 0; i < 1000; i++) {
                    p.packArrayHeader(2).packLong(1_700_000_000L + i).packMapHeader(2);
                    p.packString("log").packString("level=info msg=\"request\" method=GET path=/api/cart status=200 "
                            + "duration_ms=41 client=10.244.1.7");
                    p.packString("kubernetes").packMapHeader(3).packString("pod_name").packString("cart-7d9f-x2k")
                            .packString("namespace_name").packString("shop").packString("container_name")
                            .packString("app");
                }
                packed = p.toByteArray();
            }
            long start = System.nanoTime();
            MessagePacker out = MessagePack.newDefaultPacker(s.getOutputStream());
            for (int batch = 0; batch < total / 1000; batch++) {
                out.packArrayHeader(2).packString("kube.shop").packBinaryHeader(packed.length).writePayload(packed);
            }
            out.flush();
            while (server.received() < total) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
            System.out.printf("received %d events in %.2f s: %.0f events/s; dropped %d; held %d; heap after GC %d MB%n",
                    server.received(), secs, total / secs, buffer.dropped(), buffer.size(), heap);
        }
    }
}
