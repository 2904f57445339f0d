package io.flightdeck.signals;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log tail takes a Deployment's lines (stable and canary pods, not other apps) from the Fluentd feed while it
 * delivers, and from the pod logs while it does not.
 */
class DeploymentLogTailTest {

    private static final Instant T0 = Instant.parse("2026-11-27T23:00:00Z");

    private static LogRecord line(String pod, String hash, String track, String text, Instant at) {
        Map<String, String> labels = track == null ? Map.of("app", "checkout", "pod-template-hash", hash)
                : Map.of("app", "checkout", "pod-template-hash", hash, "flightdeck.io/track", track);
        return new LogRecord(at, "kube", "shop", pod, "app", labels, text, text.contains("status=500"));
    }

    @Test
    void takesTheFeedWhileItDeliversAndPodLogsOtherwise() {
        LogBuffer feed = new LogBuffer(100);
        AtomicInteger follows = new AtomicInteger();
        AtomicInteger closes = new AtomicInteger();
        Consumer<LogRecord>[] sink = new Consumer[1];
        PodLogs podLogs = (ns, app, s) -> {
            follows.incrementAndGet();
            sink[0] = s;
            return closes::incrementAndGet;
        };
        Instant[] now = {T0};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        DeploymentLogTail tail = new DeploymentLogTail(feed, "Fluentd forward on 127.0.0.1:24224", podLogs, clock, 50);
        feed.add(line("checkout-7d9f-abcde", "7d9f", null, "GET / status=200", T0));
        feed.add(line("checkout-canary-5c6b-xyz12", "5c6b", "canary", "GET / status=500", T0));
        feed.add(line("checkout-api-1a2b-qwert", "1a2b", null, "another app", T0));
        tail.follow("shop", "checkout");
        tail.pump();
        DeploymentLogTail.Batch b = tail.take();
        assertEquals(DeploymentLogTail.Source.FLUENTD, b.source());
        assertEquals(List.of("stable", "canary"), b.lines().stream().map(TailLine::track).toList());
        assertTrue(b.lines().get(1).error());
        assertEquals(0, follows.get(), "no pod logs while the feed delivers");

        now[0] = T0.plus(DeploymentLogTail.QUIET).plusSeconds(1);
        tail.pump();
        assertEquals(DeploymentLogTail.Source.POD_LOGS, tail.take().source());
        assertEquals(1, follows.get());
        sink[0].accept(line("checkout-canary-5c6b-xyz12", "5c6b", "canary", "from the API", now[0]));
        tail.pump();
        assertEquals(List.of("from the API"), tail.take().lines().stream().map(TailLine::text).toList());

        feed.add(line("checkout-7d9f-abcde", "7d9f", null, "the feed is back", now[0]));
        tail.pump();
        b = tail.take();
        assertEquals(DeploymentLogTail.Source.FLUENTD, b.source());
        assertEquals(List.of("the feed is back"), b.lines().stream().map(TailLine::text).toList());
        assertEquals(1, closes.get(), "pod logs stopped when the feed came back");
    }

    @Test
    void untakenLinesAreBoundedAndDropsCounted() {
        LogBuffer feed = new LogBuffer(1000);
        DeploymentLogTail tail = new DeploymentLogTail(feed, "feed", null, Clock.systemUTC(), 10);
        tail.follow("shop", "checkout");
        tail.pump();
        for (int i = 0; i < 25; i++) {
            feed.add(line("checkout-7d9f-abcde", "7d9f", null, "line " + i, Instant.now()));
        }
        tail.pump();
        DeploymentLogTail.Batch b = tail.take();
        assertEquals(10, b.lines().size());
        assertEquals("line 24", b.lines().get(9).text());
        assertEquals(15, b.dropped());
    }
}
