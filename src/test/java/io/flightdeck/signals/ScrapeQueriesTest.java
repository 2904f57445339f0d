package io.flightdeck.signals;

import io.flightdeck.signals.analysis.BuiltInTemplates;
import io.flightdeck.signals.analysis.QueryTemplate;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct-scrape evaluator's shapes on known samples: increase(), plain sums of the last scrape, target labels. */
class ScrapeQueriesTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private static String restarts(String pod, int n) {
        return "kube_pod_container_status_restarts_total{namespace=\"shop\",pod=\"" + pod
                + "\",container=\"app\",uid=\"u-" + pod + "\"} " + n + "\n";
    }

    @Test
    void restartsOfTheNewVersionsPodsAreSummedFromTheLastScrapeOnly() {
        ScrapeSource s = new ScrapeSource((into, at) -> "", Clock.fixed(T0.plusSeconds(2), ZoneOffset.UTC));
        s.add(restarts("checkout-canary-5d9f8-abcde", 0) + restarts("checkout-7c6b5-fghij", 3)
                + restarts("checkout-canary-5d9f8-gone1", 4), T0);
        s.add(restarts("checkout-canary-5d9f8-abcde", 2) + restarts("checkout-7c6b5-fghij", 3), T0.plusSeconds(1));
        String q = QueryTemplate.fill(BuiltInTemplates.metric(BuiltInTemplates.RESTARTS, Duration.ofSeconds(5), 1)
                .orElseThrow().query(), BuiltInTemplates.args("shop", "checkout-(canary|green)", "canary|green", "",
                "checkout"));
        PromResult r = s.query(q);
        assertEquals(2.0, r.scalar(), "the canary pod's 2 restarts; the stable pod and the gone pod do not count");
        assertTrue(BuiltInTemplates.metric(BuiltInTemplates.RESTARTS, Duration.ofSeconds(5), 1).orElseThrow()
                .failure().test(java.util.List.of(r.scalar())));
    }

    @Test
    void increaseAndRateOverAWindowInSecondsOrMinutes() {
        ScrapeSource s = new ScrapeSource((into, at) -> "", Clock.fixed(T0.plusSeconds(20), ZoneOffset.UTC));
        for (int i = 0; i <= 20; i += 5) {
            s.add("c{pod=\"a\"} " + (i * 2) + "\nc{pod=\"b\"} " + i + "\n", T0.plusSeconds(i));
        }
        assertEquals(60.0, s.query("sum(increase(c{pod=~\"a|b\"}[1m]))").scalar(), 1e-9);
        assertEquals(3.0, s.query("sum(rate(c[30s]))".replace("c[", "c{}[")).scalar(), 1e-9);
        assertEquals(2.0, s.query("sum(increase(c{pod=\"a\"}[1m])) / sum(increase(c{pod=\"b\"}[1m]))").scalar(),
                1e-9);
        assertEquals(PromResult.Kind.ERROR, s.query("max(c{pod=\"a\"})").kind());
        assertEquals(PromResult.Kind.NO_DATA, s.query("sum(c{pod=\"zzz\"})").kind());
    }

    @Test
    void targetLabelsAreAddedWhereTheAppDoesNotExportThem() {
        ScrapeHistory h = new ScrapeHistory(Duration.ofMinutes(1));
        h.add("m{code=\"200\"} 1\nm{code=\"500\",pod=\"own\"} 2\n", T0, Map.of("pod", "p-1", "namespace", "shop"));
        assertTrue(h.named("m").stream().anyMatch(x -> x.labels.equals(Map.of("code", "200", "pod", "p-1",
                "namespace", "shop"))));
        assertTrue(h.named("m").stream().anyMatch(x -> x.labels.get("pod").equals("own")), "honor_labels");
        assertFalse(h.named("m").stream().anyMatch(x -> x.labels.isEmpty()));
    }
}
