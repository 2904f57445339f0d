package io.flightdeck.sandbox;

import io.flightdeck.signals.LogBuffer;
import io.flightdeck.signals.LogForwardServer;
import io.flightdeck.signals.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox forwards its pods' logs with Fluency to a forward receiver, with the pods' kubernetes metadata. */
class LogForwardingTest {

    @Test
    void shopPodsLogsArriveMatchedToTheirPods() throws Exception {
        LogBuffer buffer = new LogBuffer(10_000);
        try (LogForwardServer receiver = LogForwardServer.onLoopback(buffer, 0);
             SandboxCluster cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(10)
                     .withForwardTo("127.0.0.1:" + receiver.port()))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (buffer.since(0).stream().noneMatch(r -> r.pod().startsWith("checkout-"))
                    && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            List<LogRecord> checkout = buffer.since(0).stream().filter(r -> r.pod().startsWith("checkout-")).toList();
            assertFalse(checkout.isEmpty(), "no checkout lines arrived");
            LogRecord r = checkout.get(0);
            assertTrue(r.namespace().equals("shop") && r.container().equals("app"), r.toString());
            assertTrue(r.labels().get("app").equals("checkout"), r.toString());
            assertTrue(r.tag().startsWith("kube.shop.checkout-"), r.tag());
        }
    }
}
